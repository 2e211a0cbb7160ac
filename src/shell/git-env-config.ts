// git configuration given through the environment (GIT_CONFIG_COUNT/KEY_n/VALUE_n, GIT_CONFIG_PARAMETERS), rewritten as the `git -c` it is equal to.
import type { Span } from "../core/finding";
import type { EnvAssignment, Word } from "./model";
import type { Unwrapped } from "./unwrapped";
import { literalWord } from "./words";

/** Variables that point git at a whole configuration file guard does not read. */
const CONFIG_FILES = new Set(["GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG"]);

/**
 * `'key'='value' 'key2=value2'`, git's own quoting of GIT_CONFIG_PARAMETERS (single quotes, `'\''` for a quote).
 * Undefined when the text is not in that form: guard cannot tell what git would read.
 */
function parseParameters(text: string): { key: string; value: string }[] | undefined {
  const out: { key: string; value: string }[] = [];
  const quoted = /'((?:[^']|'\\'')*)'/y;
  let i = 0;
  const next = (): string | undefined => {
    quoted.lastIndex = i;
    const m = quoted.exec(text);
    if (!m) return undefined;
    i = quoted.lastIndex;
    return m[1].replace(/'\\''/g, "'");
  };
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const first = next();
    if (first === undefined) return undefined;
    if (text[i] === "=") {
      i++;
      const value = next();
      if (value === undefined) return undefined;
      out.push({ key: first, value });
    } else {
      const eq = first.indexOf("=");
      out.push(eq > 0 ? { key: first.slice(0, eq), value: first.slice(eq + 1) } : { key: first, value: "true" });
    }
    if (out.length > 256) return undefined;
  }
  return out;
}

export interface GitEnvConfig {
  /** `-c key=value` words, in the order git applies them (GIT_CONFIG_PARAMETERS, then the numbered entries). */
  words: Word[];
  /** What guard cannot read: dynamic values, a configuration file, unparseable parameters. */
  unknown: Unwrapped[];
}

/** The configuration `env` gives git, as `-c` words for the git unwrapper; empty when it gives none. */
export function gitEnvConfig(env: readonly EnvAssignment[]): GitEnvConfig {
  const words: Word[] = [];
  const unknown: Unwrapped[] = [];
  const entry = (key: string, value: string, span: Span) => words.push(literalWord("-c", span), literalWord(`${key}=${value}`, span));
  for (const e of env) {
    if (e.name === "GIT_CONFIG_PARAMETERS") {
      const parsed = e.dynamic ? undefined : parseParameters(e.value);
      if (parsed) for (const p of parsed) entry(p.key, p.value, e.span);
      else unknown.push({ kind: "unknown", detail: `${e.name} gives git configuration guard cannot read`, span: e.span });
    } else if (CONFIG_FILES.has(e.name) && e.value !== "/dev/null" && e.value !== "") {
      unknown.push({ kind: "unknown", detail: `${e.name} makes git read its configuration from \`${e.value}\`, which can name commands to run`, span: e.span });
    }
  }
  for (const e of env) {
    const m = /^GIT_CONFIG_KEY_(\d+)$/.exec(e.name);
    if (!m) continue;
    const value = env.find((x) => x.name === `GIT_CONFIG_VALUE_${m[1]}`);
    if (e.dynamic || value?.dynamic) unknown.push({ kind: "unknown", detail: `GIT_CONFIG_KEY_${m[1]} gives git configuration built at run time`, span: e.span });
    else entry(e.value, value?.value ?? "", e.span);
  }
  return { words, unknown };
}

/** `argv` with the environment's configuration in front of git's own options, as `git -c …` would give it. */
export function withEnvConfig(argv: Word[], config: GitEnvConfig): Word[] {
  return config.words.length ? [argv[0], ...config.words, ...argv.slice(1)] : argv;
}
