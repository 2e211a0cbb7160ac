// Where a variable's value came from (`PW=$(terraform output -raw pw)`, `read -r T < <(kubectl config view --raw)`): the source text a later `$PW` stands for.

/** Past this many characters a variable's text is cut: enough to hold the commands that produced it. */
const MAX_TEXT = 4096;

/** `$NAME`, `${NAME}`, `${NAME:-x}`, `${#NAME}`…: the variables a piece of shell text refers to. */
const REFERENCE = /\$\{?#?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Shell text with the spellings that do not change what runs taken out, so a command's name reads as itself:
 * empty quotes (`t''erraform`), a backslash before a letter (`\terraform`), a directory before the name a
 * substitution runs (`$(/usr/bin/terraform …)`).
 */
export function plainText(text: string): string {
  return text.replace(/''|""/g, "").replace(/\\(?=[A-Za-z])/g, "").replace(/(\$\(|`|<\()\s*[^\s()`;|&]*\//g, "$1");
}

/** The variables `text` refers to. */
export function referencedNames(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1]);
}

/**
 * The texts of one shell's variables, shared by the scopes of that shell (an `if` body's assignment is seen after
 * it). A text includes the texts of the variables it refers to, so `A=$(terraform output -json); PW=$(echo "$A" | jq …)`
 * leaves PW's text holding the terraform command. Snapshots are shared until the next assignment.
 */
export class ValueTexts {
  private texts: Map<string, string> | undefined;
  private snap: ReadonlyMap<string, string> | undefined;

  constructor(from?: ValueTexts) {
    if (from?.texts?.size) this.texts = new Map(from.texts);
  }

  /**
   * Records `name`'s new value, given as its source text; a literal value (no expansion) forgets what was there.
   * With `keep` (`+=`, or an assignment that may not run: a branch, a loop body) the earlier text stays joined in.
   */
  assign(name: string, source: string, keep = false): void {
    const dynamic = /[$`]|<\(/.test(source);
    const before = this.texts?.get(name);
    if (!dynamic) {
      if (before !== undefined && !keep) this.forget(name);
      return;
    }
    const joined = [keep ? before : undefined, plainText(source), ...referencedNames(source).map((n) => (n === name ? before : this.texts?.get(n)))]
      .filter((t): t is string => t !== undefined).join(" ");
    this.texts ??= new Map();
    this.texts.set(name, joined.slice(0, MAX_TEXT));
    this.snap = undefined;
  }

  private forget(name: string): void {
    this.texts?.delete(name);
    this.snap = undefined;
  }

  /** The texts as they are now, for one command; undefined when no variable has one. */
  snapshot(): ReadonlyMap<string, string> | undefined {
    if (!this.texts?.size) return undefined;
    this.snap ??= new Map(this.texts);
    return this.snap;
  }
}
