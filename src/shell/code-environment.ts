// Interpreter code that reads the environment: the whole of it (`dict(os.environ)`, `process.env`, `%ENV`), or variables it prints by name.
import type { Language } from "./code-lex";

/** A use of the whole environment, not one variable of it by a literal name nor only its names (`Object.keys(process.env)`). */
const WHOLE: Record<Language, RegExp> = {
  python: /\bos\.environ\b(?!\s*(?:\[\s*['"]|\.get\s*\(\s*['"]|\.keys\s*\(|\.setdefault\s*\(|\.update\s*\(|\.pop\s*\(\s*['"]))/,
  javascript: /(?<!Object\.keys\(\s*|\.\.\.\s*|\benv\s*:\s*)\bprocess\.env\b(?!\s*(?:\.\s*[A-Za-z_$]|\[\s*['"`]))/,
  ruby: /(?<![\w:])ENV\b(?!\s*(?:\[\s*['"]|\.fetch\s*\(\s*['"]|\.key\?|\.include\?|\.keys\b|\[\s*['"][^'"]*['"]\s*\]\s*=))/,
  perl: /\$ENV\{\s*\$|(?<!keys\s{0,3})%ENV\b/,
  php: /\$_ENV\b(?!\s*\[\s*['"])|\bgetenv\(\s*\)/,
};

/** One variable read by a literal name. */
const NAMED: Record<Language, RegExp> = {
  python: /os\.environ\[\s*['"](\w+)['"]\s*\]|os\.environ\.get\(\s*['"](\w+)['"]|os\.getenv\(\s*['"](\w+)['"]/g,
  javascript: /process\.env\.([A-Za-z_$][\w$]*)|process\.env\[\s*['"`](\w+)['"`]\s*\]/g,
  ruby: /ENV\[\s*['"](\w+)['"]\s*\]|ENV\.fetch\(\s*['"](\w+)['"]/g,
  perl: /\$ENV\{\s*['"]?(\w+)['"]?\s*\}/g,
  php: /getenv\(\s*['"](\w+)['"]|\$_ENV\[\s*['"](\w+)['"]\s*\]/g,
};

/** Code that prints what it computes: a print call, or (node -p) a bare expression of the environment. */
const PRINTS: Record<Language, RegExp> = {
  python: /\b(?:print|pprint|sys\.stdout\.write)\s*\(/,
  javascript: /\b(?:console\.(?:log|info|warn|error|dir|table)|process\.stdout\.write)\s*\(|^\s*process\.env(?:\.[A-Za-z_$][\w$]*|\[[^\]]*\])?\s*;?\s*$/,
  ruby: /(?:^|[\s;{(])(?:puts|print|p|pp|\$stdout\.write)\b/,
  perl: /\b(?:print|say|printf)\b/,
  php: /\b(?:echo|print|var_dump|print_r|printf|var_export)\b/,
};

/** Before a read: a call or operator that keeps only whether the variable is set, or its length (`bool(`, `len(`, `!!`, `not `). */
const HIDDEN_BEFORE = /(?:\b(?:bool|len|Boolean|defined|isset|empty)\s*\(\s*|!!\s*|!\s*|\bnot\s+)$/;
/** After a read: a comparison or test that keeps only whether it is set (`is None`, `!= null`, `.length`, `? :` but not `?.` or `??`, `.nil?`, `.empty?`). */
const HIDDEN_AFTER = /^\s*(?:\)\s*)?(?:is\s+(?:not\s+)?None\b|[!=]==?\s*(?:null|undefined|None|nil|''|"")|\.length\b|\.nil\?|\.empty\?|\?(?![?.]))/;

/** Whether a read's value is printed at all: `print(bool(os.getenv('K')))` prints True or False, never the value. */
function printsValue(code: string, at: number, length: number): boolean {
  return !HIDDEN_BEFORE.test(code.slice(Math.max(0, at - 16), at)) && !HIDDEN_AFTER.test(code.slice(at + length, at + length + 32));
}

/**
 * The environment reads of a piece of code, as the shell commands they amount to: the whole environment is `env`
 * (judged by what the environment holds), a variable printed by name is `printenv NAME` (judged by its name).
 */
export function environmentArgvs(language: Language, code: string): string[][] {
  const out: string[][] = [];
  if (WHOLE[language].test(code)) out.push(["env"]);
  if (PRINTS[language].test(code)) {
    const names = new Set<string>();
    for (const m of code.matchAll(NAMED[language])) {
      if (!printsValue(code, m.index ?? 0, m[0].length)) continue;
      const name = m.slice(1).find((g) => g !== undefined);
      if (name && names.size < 16) names.add(name);
    }
    if (names.size) out.push(["printenv", ...names]);
  }
  return out;
}
