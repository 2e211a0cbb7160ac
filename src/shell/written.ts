// Files a command writes (`> f`, `tee f`, `cp a f`, `curl -o f`, `npm pkg set scripts.x=…`), so a later command that runs them is checked with what was written.
import { posix } from "node:path";
import type { Invocation, Word } from "./model";
import { scanOptions } from "./options";
import { producedText, literalStdin, type FileReader } from "./stdin";

/** `./run.sh`, `run.sh` and `a/../run.sh` are the same file. */
export function fileKey(path: string): string {
  return posix.normalize(path).replace(/^\.\//, "");
}

const OUTPUT = new Set([">", ">|", "&>", ">>", "&>>"]);

/**
 * What guard records for a plan file `terraform plan -destroy -out F` writes. Real plan files are zip
 * archives, so this text can never be read from disk: only a destroy plan made earlier in the same
 * command has it, and `terraform apply F` is then a destroy.
 */
export const TERRAFORM_DESTROY_PLAN = "\0guard: terraform destroy plan\0";

/**
 * The key under which guard records that a command earlier in the text deletes a branch on a remote
 * (`git push origin --delete B && git branch -D B`): a NUL makes it a name no file can have. The local
 * deletion is then judged as if the remote copy were already gone, which it will be when it runs.
 */
export function remoteBranchGoneKey(remote: string, branch: string): string {
  return `\0guard: remote branch removed\0${remote}\0${branch.replace(/^refs\/heads\//, "")}`;
}

/** A key that says a stash was pushed earlier in the command (`git stash && … && git stash drop`): a NUL keeps it apart from file names. */
export function stashPushedKey(): string {
  return "\0guard: stash pushed";
}

/** The prefix of the keys that say an earlier step changed a file's content by a write of its own (not from git): see editedKey. */
const EDITED = "\0guard: edited\0";

/**
 * The key under which guard records that a command earlier in the text changed a file (`mv notes.txt README.md`,
 * `cp x f`, `> f`, `sed -i`): a later `git checkout f` then discards that change, whatever the tree held before.
 * A checkout or restore of the file from git takes the mark away (the file is git's version again).
 */
export function editedKey(path: string): string {
  return `${EDITED}${fileKey(path)}`;
}

/** The files an earlier step changed by its own write: absolute, or relative to the start directory where guard could not tell. */
export function editedFiles(written: ReadonlyMap<string, string | null> | undefined): string[] {
  if (!written) return [];
  const out: string[] = [];
  for (const key of written.keys()) if (key.startsWith(EDITED)) out.push(key.slice(EDITED.length));
  return out;
}

/** `terraform [-chdir=DIR] plan … -out F`: F relative to the directory terraform works in. */
export function terraformPath(argv: readonly Word[], file: string): string {
  const chdir = argv.find((w) => /^--?chdir=/.test(w.value));
  return chdir && !file.startsWith("/") ? posix.join(chdir.value.replace(/^--?chdir=/, ""), file) : file;
}

/** What guard reads for an activation script a virtualenv tool creates: what the real one does to the shell. */
const VENV_ACTIVATE = (dir: string) => `VIRTUAL_ENV=${JSON.stringify(dir)}\nexport VIRTUAL_ENV\nPATH="$VIRTUAL_ENV/bin:$PATH"\nexport PATH\nhash -r 2>/dev/null\n`;

/** What a command prints, when literal: echo ends its line (unless -n), printf and cat print exactly their text. */
function output(inv: Invocation, read: FileReader): string | null {
  const text = producedText(inv, read);
  if (text === undefined) return null;
  const noNewline = inv.program !== "echo" || inv.argv.slice(1).some((w) => /^-[eE]*n[neE]*$/.test(w.value));
  return noNewline ? text : `${text}\n`;
}

/** What files one command leaves behind, in the order it writes them. Null content: unknown. */
export class WrittenFiles {
  private readonly files = new Map<string, string | null>();
  /** Files whose content is only a guess (written by an unknown program's arguments read as a command). */
  private readonly guesses = new Set<string>();
  /** Directories whose files were all replaced (`git checkout -- .`): anything under them is unknown. */
  private readonly dirs: string[] = [];

  constructor(private readonly base: FileReader | undefined) {}

  get size(): number {
    return this.files.size + this.dirs.length;
  }

  /** A snapshot for one invocation: the files as they are when it runs. */
  snapshot(): ReadonlyMap<string, string | null> {
    const copy = new Map(this.files);
    for (const dir of this.dirs) copy.set(`${dir}/**`, null);
    return copy;
  }

  /** Whether the file was written earlier in this command. */
  has(path: string): boolean {
    return this.files.has(fileKey(path)) || this.unknown(path);
  }

  /** Whether the file was written earlier with content guard does not know. */
  unknown(path: string): boolean {
    const key = fileKey(path);
    if (this.files.has(key)) return this.files.get(key) === null;
    return this.dirs.some((d) => d === "." || key === d || key.startsWith(`${d}/`));
  }

  /** The file's text: as written earlier in this command, else as it is on disk. */
  readonly read: FileReader = (path) => {
    const key = fileKey(path);
    if (this.files.has(key)) return this.files.get(key) ?? undefined;
    if (this.unknown(path)) return undefined;
    return this.base?.(path);
  };

  /** Files written so far whose name (the last part of the path) is `name`: a call of that name may run one through PATH. */
  named(name: string): string[] {
    const out: string[] = [];
    for (const key of this.files.keys()) if (key === name || key.endsWith(`/${name}`)) out.push(key);
    return out;
  }

  /** Whether what guard read for the file is only a guess: the real content may be anything. */
  guessed(path: string): boolean {
    return this.guesses.has(fileKey(path));
  }

  private guessing = false;
  /** The directories the command being noted may run in (see Invocation.cwd): where its relative paths land. */
  private where: readonly (string | null)[] | undefined;

  /** The files a relative path names from where the command runs, absolute when guard knows the directory. */
  private landing(path: string): string[] {
    if (path.startsWith("/") || !this.where) return [fileKey(path)];
    return this.where.map((dir) => (dir === null ? fileKey(path) : posix.resolve(dir, path)));
  }

  /** Marks a file as changed by this command's own write (see editedKey). */
  private markEdited(path: string): void {
    for (const file of this.landing(path)) this.files.set(editedKey(file), "");
  }

  private set(word: Word | undefined, content: string | null): void {
    if (!word || word.dynamic) return;
    const key = fileKey(word.value);
    this.files.set(key, content);
    this.markEdited(key);
    if (this.guessing) this.guesses.add(key);
    else this.guesses.delete(key);
  }

  /** A file written with content guard does not know (`curl -o f`, `dd of=f`). */
  private setUnknown(path: string): void {
    this.files.set(fileKey(path), null);
    this.markEdited(path);
  }

  /** Records what `inv` writes. `innermost` is the command that produces the output (`sudo echo x > f` → echo). */
  note(inv: Invocation, innermost: Invocation): void {
    this.guessing = innermost.via.some((v) => v.guess);
    this.where = inv.cwd;
    for (const r of inv.redirects) {
      if (!OUTPUT.has(r.operator) || (r.fd !== undefined && r.fd !== 1) || !r.target) continue;
      const text = output(innermost, this.read);
      if (r.operator.endsWith(">>")) {
        const before = r.target.dynamic ? null : this.read(r.target.value) ?? "";
        this.set(r.target, text === null || before === null ? null : before + text);
      } else this.set(r.target, text);
    }
    this.noteArgv(innermost);
  }

  /** Writes named in the argv: tee, cp/mv/install/ln targets, sed -i, curl -o, wget -O, dd of=, npm pkg set, git checkout/restore. */
  private noteArgv(inv: Invocation): void {
    const args = inv.argv.slice(1);
    const positionals = (valued: string[] = []) => {
      const scan = scanOptions(inv.argv, 1, { valued });
      return inv.argv.slice(scan.rest).filter((w) => w.value !== "--");
    };
    switch (inv.program) {
      case "tee": {
        const text = inv.stdin ? literalStdin(inv.stdin, this.read) ?? null : null;
        const append = args.some((w) => /^-[a-z]*a|^--append$/.test(w.value));
        for (const w of positionals()) this.set(w, append ? null : text);
        return;
      }
      case "cp":
      case "mv":
      case "install":
      case "ln": {
        const ps = positionals(["-t", "--target-directory", "-S", "--suffix", "-m", "--mode", "-o", "--owner", "-g", "--group"]);
        if (ps.length < 2) return;
        const source = ps[0];
        const text = ps.length === 2 && !source.dynamic ? this.read(source.value) ?? null : null;
        this.set(ps[ps.length - 1], text);
        return;
      }
      case "sed":
      case "gsed":
        if (args.some((w) => /^-[a-zA-Z]*i|^--in-place/.test(w.value))) for (const w of positionals(["-e", "-f", "--expression", "--file", "-l"]).slice(args.some((w) => /^-[a-z]*[ef]$|^--expression|^--file/.test(w.value)) ? 0 : 1)) this.set(w, null);
        return;
      case "perl":
      case "ruby":
        // `perl -pi -e 's/…/…/' FILE`: edited in place by code guard does not run.
        if (args.some((w) => /^-[a-zA-Z]*i/.test(w.value))) this.unknownArgs(inv, ["-e", "-E", "-M", "-I", "-r", "-x"]);
        return;
      case "awk":
      case "gawk":
        if (args.some((w, i) => (w.value === "-i" || w.value === "--include") && args[i + 1]?.value === "inplace")) this.unknownArgs(inv, ["-f", "-v", "-F", "-i", "--include"]);
        return;
      case "yq":
        if (args.some((w) => /^-[a-zA-Z]*i$|^--inplace$/.test(w.value))) this.unknownArgs(inv, []);
        return;
      case "sponge":
        this.unknownArgs(inv, []);
        return;
      case "truncate":
        // `truncate -s 0 F` empties it; any other size leaves bytes guard does not know.
        for (const w of positionals(["-s", "--size", "-r", "--reference"])) this.set(w, args.some((a, i) => (a.value === "-s" && args[i + 1]?.value === "0") || a.value === "-s0" || a.value === "--size=0") ? "" : null);
        return;
      case "curl":
      case "wget":
        this.downloads(inv);
        return;
      case "dd":
        for (const w of args) if (!w.dynamic && w.value.startsWith("of=")) this.setUnknown(w.value.slice(3));
        return;
      case "npm":
        this.npmPkgSet(inv);
        return;
      case "git":
        this.gitCheckout(inv);
        this.gitRemoteBranchRemoved(inv);
        this.gitStashPushed(inv);
        return;
      case "terraform":
      case "tofu":
        this.terraformPlan(inv);
        return;
      case "virtualenv":
      case "uv":
        this.virtualenv(inv);
        return;
      default:
        if (/^python[0-9.]*$/.test(inv.program)) this.virtualenv(inv);
    }
  }

  /** `curl -o FILE`, `wget -O FILE`: the file gets bytes guard does not know. */
  private downloads(inv: Invocation): void {
    for (let i = 1; i < inv.argv.length; i++) {
      const v = inv.argv[i].value;
      // `curl -so FILE`: a cluster of flags ending in -o takes the next word.
      const flag = inv.program === "curl" ? /^(?:-[a-zA-Z]*o|--output)$/.test(v) : /^(?:-[a-zA-Z]*O|--output-document)$/.test(v);
      if (flag) this.set(inv.argv[i + 1], null);
      const attached = inv.program === "curl" ? /^(?:--output=|-o)(.+)$/.exec(v) : /^(?:--output-document=|-O)(.+)$/.exec(v);
      if (attached && !inv.argv[i].dynamic) this.setUnknown(attached[1]);
    }
  }

  /**
   * `python3 -m venv DIR`, `virtualenv DIR`, `uv venv [DIR]`: DIR/bin/activate is the tool's own
   * activation script, which only sets VIRTUAL_ENV, PATH and the prompt. It is recorded as that, so
   * `python3 -m venv .venv && . .venv/bin/activate` reads the script the command itself creates.
   */
  private virtualenv(inv: Invocation): void {
    const words = inv.argv.map((w) => (w.dynamic ? undefined : w.value));
    let from: number;
    if (inv.program === "uv") from = words[1] === "venv" ? 2 : -1;
    else if (inv.program === "virtualenv") from = 1;
    else {
      const m = words.findIndex((w, i) => i > 0 && (w === "venv" || w === "virtualenv") && (words[i - 1] === "-m"));
      from = m > 0 && words.slice(1, m - 1).every((w) => w !== undefined && /^-[a-zA-Z]+$/.test(w) && !w.includes("c")) ? m + 1 : -1;
    }
    if (from < 0) return;
    const scan = scanOptions(inv.argv, from, { valued: ["-p", "--python", "--prompt", "--seeder", "--activators", "--index-url", "--extra-index-url", "--cache-dir", "--directory", "--project", "--config-file", "--python-preference"] });
    const dirs = inv.argv.slice(scan.rest).filter((w) => !w.value.startsWith("-"));
    if (inv.program === "uv" && dirs.length === 0) dirs.push({ ...inv.argv[0], value: ".venv", raw: ".venv", dynamic: false, glob: false });
    for (const dir of dirs) {
      if (dir.dynamic || dir.glob) continue;
      this.set({ ...dir, value: posix.join(dir.value, "bin/activate") }, VENV_ACTIVATE(dir.value));
    }
  }

  /** Every literal argument but option values: the files a program rewrites with content guard does not compute. */
  private unknownArgs(inv: Invocation, valued: string[]): void {
    for (let i = 1; i < inv.argv.length; i++) {
      const w = inv.argv[i];
      if (valued.includes(w.value)) i++;
      else if (!w.value.startsWith("-")) this.set(w, null);
    }
  }

  /** `npm pkg set scripts.test='rm -rf ~'`, `npm set-script test '…'`: package.json gains that script. */
  private npmPkgSet(inv: Invocation): void {
    const v = inv.argv.map((w) => (w.dynamic ? undefined : w.value));
    const setScript = v[1] === "set-script" ? [[`scripts.${v[2]}`, v[3]]] : undefined;
    if (!setScript && !(v[1] === "pkg" && (v[2] === "set" || v[2] === "delete"))) return;
    const base = this.read("package.json");
    let pkg: Record<string, unknown> | undefined;
    try {
      pkg = base === undefined ? {} : (JSON.parse(base) as Record<string, unknown>);
    } catch {
      pkg = undefined;
    }
    const pairs = setScript ?? inv.argv.slice(3).map((w) => (w.dynamic ? [undefined, undefined] : [w.value.slice(0, w.value.indexOf("=")), w.value.slice(w.value.indexOf("=") + 1)]));
    if (!pkg || pairs.some(([k, value]) => k === undefined || value === undefined)) {
      this.files.set("package.json", null);
      return;
    }
    for (const [key, value] of pairs as [string, string][]) {
      const path = key.split(".");
      let node: Record<string, unknown> = pkg;
      for (const part of path.slice(0, -1)) {
        if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
        node = node[part] as Record<string, unknown>;
      }
      if (v[2] === "delete") delete node[path[path.length - 1]];
      else node[path[path.length - 1]] = value;
    }
    this.files.set("package.json", JSON.stringify(pkg));
  }

  /** `terraform plan -destroy -out F`: F is a destroy plan (see TERRAFORM_DESTROY_PLAN); any other plan's content is unknown. */
  private terraformPlan(inv: Invocation): void {
    const words = inv.argv;
    const sub = words.findIndex((w, i) => i > 0 && !w.value.startsWith("-"));
    if (words[sub]?.value !== "plan") return;
    const destroy = words.some((w) => /^--?destroy(?:=true)?$/.test(w.value));
    for (let i = sub + 1; i < words.length; i++) {
      const w = words[i];
      const attached = /^--?out=(.+)$/.exec(w.value);
      const file = attached ? { ...w, value: attached[1] } : /^--?out$/.test(w.value) ? words[i + 1] : undefined;
      if (file && !w.dynamic && !file.dynamic) this.set({ ...file, value: terraformPath(words, file.value) }, destroy ? TERRAFORM_DESTROY_PLAN : null);
    }
  }

  /**
   * `git push REMOTE --delete B…` / `git push REMOTE :B`: the remote copy is gone for the commands after this one
   * (see remoteBranchGoneKey). A dynamic name could be any branch.
   */
  private gitRemoteBranchRemoved(inv: Invocation): void {
    const words = inv.argv;
    const sub = words.findIndex((w, i) => i > 0 && !w.value.startsWith("-"));
    if (words[sub]?.value !== "push") return;
    const rest = words.slice(sub + 1);
    const [remote, ...refspecs] = rest.filter((w) => w.dynamic || !w.value.startsWith("-"));
    const deleting = rest.some((w) => w.value === "--delete" || /^-[a-zA-Z]*d/.test(w.value));
    const where = !remote || remote.dynamic ? "*" : remote.value;
    for (const w of refspecs) {
      const branch = w.dynamic ? "*" : w.value.startsWith(":") ? w.value.slice(1) : deleting ? w.value : undefined;
      if (branch) this.files.set(remoteBranchGoneKey(where, branch), "");
    }
  }

  /** `git stash`, `git stash push|save|store …` (or a subcommand guard cannot read): a stash may exist afterwards. */
  private gitStashPushed(inv: Invocation): void {
    const words = inv.argv;
    // Any word `stash` (after `-C DIR` too); a word guard cannot read may be one.
    const sub = words.findIndex((w, i) => i > 0 && (w.dynamic || w.value === "stash"));
    if (sub < 0) return;
    if (words[sub].dynamic) {
      this.files.set(stashPushedKey(), "");
      return;
    }
    const verb = words.slice(sub + 1).find((w) => w.dynamic || !w.value.startsWith("-"));
    if (!verb || verb.dynamic || ["push", "save", "store", "create"].includes(verb.value) || !["list", "show", "drop", "clear", "pop", "apply", "branch"].includes(verb.value)) {
      this.files.set(stashPushedKey(), "");
    }
  }

  /** `git checkout [REV] -- PATHS`, `git restore PATHS`: the files now hold another version guard has not read. */
  private gitCheckout(inv: Invocation): void {
    const words = inv.argv;
    const sub = words.findIndex((w, i) => i > 0 && !w.value.startsWith("-"));
    const name = words[sub]?.value;
    if (name !== "checkout" && name !== "restore") return;
    const dashes = words.findIndex((w) => w.value === "--");
    const paths = dashes > 0 ? words.slice(dashes + 1) : name === "restore" ? words.slice(sub + 1).filter((w) => !w.value.startsWith("-")) : [];
    for (const w of paths) {
      if (w.dynamic || w.glob) continue;
      const key = fileKey(w.value);
      if (key === "." || key.endsWith("/")) this.dirs.push(key.replace(/\/$/, ""));
      else this.files.set(key, null);
      // Back to git's version: a later discard of it loses nothing of the earlier write (a directory given without a slash counts too).
      for (const dir of this.landing(key.replace(/\/$/, "") || ".")) {
        for (const k of [...this.files.keys()]) {
          if (!k.startsWith(EDITED)) continue;
          const file = k.slice(EDITED.length);
          if (dir === "." || file === dir || file.startsWith(`${dir === "/" ? "" : dir}/`)) this.files.delete(k);
        }
      }
    }
  }
}
