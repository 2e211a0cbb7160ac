// Interpreter code that starts a bare shell and writes to its stdin (`open(P, "|sh"); print P …`, `Popen(["sh"], stdin=PIPE).communicate(…)`): what it writes is shell code.
import { blankStrings, splitTopLevel, type Language } from "./code-lex";
import { valueOf } from "./code-values";

/** The actions of interpreter-code.ts this reads and makes (declared here: that file calls this one). */
type CodeAction = { kind: "shell"; text: string; call: string } | { kind: "argv"; argv: readonly string[]; call: string; dynamic?: readonly number[] } | { kind: "unknown"; call: string };

/** A shell with no `-c` and no script: it runs what arrives on its stdin. */
const SHELL = /^(?:\S*\/)?(?:ba|da|z|k|mk|a|yash|fi)?sh$/;

function bareShell(argv: readonly string[]): boolean {
  return argv.length > 0 && SHELL.test(argv[0]) && argv.slice(1).every((a) => /^[-+][a-zA-Z]*$/.test(a) && !/^-[a-zA-Z]*c/.test(a));
}

/** Whether an action starts a shell that reads its script from stdin (`sh`, `bash -s`, `/bin/sh -e`). */
export function startsBareShell(action: CodeAction): boolean {
  if (action.kind === "argv") return !action.dynamic?.includes(0) && bareShell(action.argv);
  if (action.kind === "shell") return bareShell(action.text.trim().split(/\s+/));
  return false;
}

/** Where the code writes to a stream: Perl's `print FH …`/`printf FH …`/`say FH …`, and write-like calls and `input=` elsewhere. */
function writes(language: Language, code: string): string[] {
  const blanked = blankStrings(code, language);
  const found: string[] = [];
  const upTo = (from: number, stop: RegExp) => {
    const m = stop.exec(blanked.slice(from));
    return code.slice(from, m ? from + m.index : code.length);
  };
  if (language === "perl") {
    for (const m of blanked.matchAll(/\b(?:print|printf|say)\s*(?:\{\s*\$?\w+\s*\}|\$?[A-Za-z_]\w*)[ \t]+(?![,;=.])/g)) found.push(upTo(m.index! + m[0].length, /[;}]|$/));
    for (const m of blanked.matchAll(/\bsyswrite\s*\(?\s*\$?\w+\s*,/g)) found.push(upTo(m.index! + m[0].length, /[,;)]/));
  } else {
    for (const m of blanked.matchAll(/\.(?:write|end|puts|print|communicate|sendline|send|write_all|writelines)\s*\(/g)) found.push(upTo(m.index! + m[0].length, /[,)]/));
    for (const m of blanked.matchAll(/\binput\s*[=:]\s*/g)) found.push(upTo(m.index! + m[0].length, /[,)}]/));
    if (language === "ruby") for (const m of blanked.matchAll(/\b\w+\s*<<\s*(?=["'])/g)) found.push(upTo(m.index! + m[0].length, /[;\n}]/));
  }
  return found;
}

/** The literal text of a written expression list (`'a', "b\n"`), joined as print joins it; undefined when built at run time. */
function literal(expr: string, language: Language): string | undefined {
  const parts = splitTopLevel(expr.replace(/^\s*\(([\s\S]*)\)\s*$/, "$1"), language).map((p) => p.trim()).filter(Boolean);
  const values = parts.map((p) => valueOf(p.replace(/^b(?=["'])/, "").replace(/\.encode\(\)$/, ""), language));
  return parts.length && values.every((v): v is string => v !== undefined) ? values.join("") : undefined;
}

/** What code that starts a bare shell feeds it: the literal writes as shell code, anything else unknown. */
export function shellFeeds(language: Language, code: string, actions: readonly CodeAction[]): Exclude<CodeAction, { kind: "argv" }>[] {
  if (!actions.some(startsBareShell)) return [];
  const texts = writes(language, code).map((w) => literal(w, language));
  if (!texts.length || texts.some((t) => t === undefined)) return [{ kind: "unknown", call: "a shell fed by the code" }];
  return [{ kind: "shell", text: texts.join(""), call: "a shell fed by the code" }];
}
