// The bash oracle's generator: seeded mutations of destructive commands (words respelled, then wrapped in contexts that run them).

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same mutations on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shell single-quoting: the text comes back unchanged after quote removal. */
export function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A destructive command as words (shell text each), with which word is the program and which are targets. */
interface Seed {
  words: string[];
  /** Indexes of words that name what is destroyed (paths): respelled by target mutations. */
  targets: number[];
}

const RAILWAY_BODY = `{"query":"mutation { volumeDelete(volumeId: \\"vol_1\\") }"}`;

const SEEDS: Seed[] = [
  { words: ["rm", "-rf", "~"], targets: [2] },
  { words: ["rm", "-rf", "/"], targets: [2] },
  { words: ["rm", "-r", "-f", "$HOME"], targets: [3] },
  { words: ["rm", "-rf", "."], targets: [2] },
  { words: ["rm", "-rf", "*"], targets: [2] },
  { words: ["rm", "-rf", "/etc"], targets: [2] },
  { words: ["rm", "-fr", "~/"], targets: [2] },
  { words: ["rm", "--recursive", "--force", ".."], targets: [3] },
  { words: ["git", "push", "--force", "origin", "main"], targets: [] },
  { words: ["git", "push", "origin", "+main"], targets: [] },
  { words: ["git", "push", "-f", "origin", "HEAD:main"], targets: [] },
  { words: ["psql", "-c", sq("DROP TABLE users")], targets: [] },
  { words: ["psql", "-c", sq("truncate accounts")], targets: [] },
  { words: ["curl", "-X", "POST", "https://backboard.railway.app/graphql/v2", "-d", sq(RAILWAY_BODY)], targets: [] },
];

type WordMutation = (words: string[], seed: Seed, rand: () => number) => string[] | undefined;

const pick = <T>(items: readonly T[], rand: () => number): T => items[Math.floor(rand() * items.length)];

/** Respellings of a path word that bash resolves to the same path. */
function targetSpellings(word: string): string[] {
  const out: string[] = [`{${word},/nonexistent-x}`, `\${UNSET_X:-${word}}`, `\${UNSET_X:=${word}}`, `"${word.replace(/^~/, "$HOME")}"`];
  if (word === "~" || word === "$HOME") out.push("~+/..", "$HOME//", "${HOME}", "~/", "$HOME/.", "/home/user", "~user", "{~,/nonexistent-x}");
  if (word === ".") out.push("~+", "$PWD", "./", "${PWD}", "`pwd`");
  if (word === "/") out.push("//", "/.", "$(printf /)", "$(echo /)", "/{,nonexistent-x}", "'/'");
  if (word === "*") out.push("./*", "$(ls)", "{*,nonexistent-x}");
  if (word === "/etc") out.push("/{etc,nonexistent-x}", "/e{t,x}c", "/e?c", "/et[c]");
  return out;
}

const PROGRAM_SPELLINGS = (p: string): string[] => [`\\${p}`, `'${p}'`, `"${p}"`, `${p[0]}''${p.slice(1)}`, `/usr/bin/${p}`, `/bin/${p}`,
  `/???/${p}`, `/bin/${p.slice(0, -1)}[${p.slice(-1)}]`, `${p.slice(0, 1)}{${p.slice(1)},}`];

const WORD_MUTATIONS: Record<string, WordMutation> = {
  program(words, _seed, rand) {
    return [pick(PROGRAM_SPELLINGS(words[0]), rand), ...words.slice(1)];
  },
  target(words, seed, rand) {
    if (!seed.targets.length) return undefined;
    const i = words.length - 1; // the target is the last word, whatever the flag respellings did
    const copy = [...words];
    copy[i] = pick(targetSpellings(words[i]), rand);
    return copy;
  },
  flags(words, _seed, rand) {
    if (words[0] !== "rm") return undefined;
    const operands = words.slice(1).filter((w) => !w.startsWith("-"));
    const flags = pick([["-rf"], ["-r", "-f"], ["-Rf"], ["--recursive", "--force"], ["--rec", "-f"], ["-r"], ["-f", "-r", "--"]], rand);
    return [words[0], ...flags, ...operands];
  },
  gitFlags(words, _seed, rand) {
    if (words[0] !== "git" || !words.includes("--force")) return undefined;
    return words.map((w) => (w === "--force" ? pick(["-f", "--force", "--forc", "--force-with-lease"], rand) : w));
  },
};

/** A context runs the command text `c`; `simple` says c is one simple command (some contexts need that). */
type Context = (c: string, simple: boolean, rand: () => number) => string | undefined;

const heredocEscape = (c: string) => c.replace(/[\\$`]/g, "\\$&");

const CONTEXTS: Record<string, Context> = {
  "bash -c": (c) => `bash -c ${sq(c)}`,
  "sh -c": (c) => `sh -c ${sq(c)}`,
  "dash -c": (c) => `dash -c ${sq(c)}`,
  "bash -c bash": (c) => `bash -c bash <<< ${sq(c)}`,
  eval: (c) => `eval ${sq(c)}`,
  "eval bash stdin": (c) => `eval bash <<< ${sq(c)}`,
  "pipe eval bash": (c) => `echo ${sq(c)} | eval bash`,
  subshell: (c) => `( ${c} )`,
  group: (c) => `{ ${c}; }`,
  and: (c) => `true && ${c}`,
  or: (c) => `false || ${c}`,
  if: (c) => `if true; then ${c}; fi`,
  for: (c) => `for _ in 1; do ${c}; done`,
  function: (c) => `f() { ${c}; }; f`,
  "echo | bash": (c) => `echo ${sq(c)} | bash`,
  "printf %s | bash": (c) => `printf '%s\\n' ${sq(c)} | bash`,
  "printf format | sh": (c) => (c.includes("%") ? undefined : `printf ${sq(`${c.replace(/\\/g, "\\\\")}\\n`)} | sh`),
  "printf NUL | bash": (c) => (c.includes("%") || c.length < 2 ? undefined : `printf ${sq(`${c[0]}\\0${c.slice(1).replace(/\\/g, "\\\\")}\\n`)} | bash`),
  "here-string": (c) => `bash <<< ${sq(c)}`,
  "quoted heredoc": (c) => `bash <<'EOF'\n${c}\nEOF`,
  "unquoted heredoc": (c) => `bash <<EOF\n${heredocEscape(c)}\nEOF`,
  "heredoc continuation": (c, simple) => (simple && c.includes(" ") ? `bash <<EOF\n${heredocEscape(c).replace(" ", " \\\n")}\nEOF` : undefined),
  trap: (c) => `trap ${sq(c)} EXIT`,
  "trap signal": (c) => `trap ${sq(c)} INT; kill -INT $$`,
  "flock -c": (c) => `flock /tmp/oracle.lock -c ${sq(c)}`,
  "flock cmd": (c) => `flock /tmp/oracle.lock bash -c ${sq(c)}`,
  "env -": (c) => `env - bash -c ${sq(c)}`,
  "env -i": (c) => `env -i bash -c ${sq(c)}`,
  "env odd name": (c) => `env 1x=2 bash -c ${sq(c)}`,
  "env odd name simple": (c, simple) => (simple ? `env a-b=1 ${c}` : undefined),
  "env - simple": (c, simple) => (simple ? `env - ${c}` : undefined),
  sudo: (c) => `sudo bash -c ${sq(c)}`,
  "find -exec bash": (c) => `echo ${sq(c)} | find . -maxdepth 0 -exec bash \\;`,
  "arith subscript": (c) => `x=${sq(`a[$(${c})]`)}; : $((x))`,
  "let subscript": (c) => `let ${sq(`a[$(${c})]`)}`,
  "[[ subscript": (c) => `[[ ${sq(`a[$(${c})]`)} -eq 0 ]]`,
  "declare -i": (c) => `declare -i x=${sq(`a[$(${c})]`)}`,
  "printf -v": (c) => `printf -v ${sq(`a[$(${c})]`)} x`,
  "test -v": (c) => `test -v ${sq(`a[$(${c})]`)}`,
  "assignment subscript": (c) => `x[$(${c})]=1`,
  "prompt @P": (c) => `x=${sq(`$(${c})`)}; : "\${x@P}"`,
  PS4: (c) => `PS4=${sq(`$(${c}) `)} bash -xc true`,
  PROMPT_COMMAND: (c) => `PROMPT_COMMAND=${sq(c)} bash -i < /dev/null`,
  "mapfile -C": (c) => `mapfile -C ${sq(c)} -c 1 <<< x`,
  "source <()": (c) => `source <(echo ${sq(c)})`,
  ". <(printf)": (c) => `. <(printf '%s\\n' ${sq(c)})`,
  alias: (c) => `shopt -s expand_aliases\nalias zz=${sq(c)}\nzz`,
  "command in variable": (c, simple) => (simple && !/['"\\$`{*]/.test(c) ? `W=${sq(c)}; $W` : undefined),
  "IFS split": (c, simple) => (simple && !/['"\\$`{_*]/.test(c) ? `IFS=_; x=${c.replace(/ /g, "_")}; $x` : undefined),
  "eval $(printf)": (c) => `eval "$(printf '%s' ${sq(c)})"`,
  comment: (c) => `${c} # cleanup`,
  newline: (c) => `true\n${c}`,
  "dash (( ))": (c, simple) => (simple ? `dash -c ${sq(`((${c}))`)}` : undefined),
  "rbash -c": (c) => `rbash -c ${sq(c)}`,
};

export interface Mutation {
  command: string;
  /** The steps that built it, in order, for reports and minimisation. */
  steps: string[];
  seed: number;
}

/** Builds a command from a seed and an explicit list of steps (word mutations first, then contexts). */
export function build(seedIndex: number, steps: string[], rand: () => number): string | undefined {
  const seed = SEEDS[seedIndex];
  let words = seed.words;
  let text: string | undefined;
  for (const step of steps) {
    if (step in WORD_MUTATIONS) {
      if (text !== undefined) return undefined;
      const next = WORD_MUTATIONS[step](words, seed, rand);
      if (!next) return undefined;
      words = next;
    } else {
      const context = CONTEXTS[step];
      const current: string = text ?? words.join(" ");
      const wrapped = context(current, text === undefined, rand);
      if (wrapped === undefined) return undefined;
      text = wrapped;
    }
  }
  return text ?? words.join(" ");
}

/**
 * Unique prefixes of long options (`rm --rec`, `git push --forc`), which GNU getopt and git accept. Reading
 * options per program is issue 12 item 3, a separate change: `optionPrefixes: false` leaves these spellings
 * out (the CI run says so in its output) until that lands.
 */
export const OPTION_PREFIX_SPELLING = /--(?:rec|forc)(?![a-z-])/;

/** `count` mutations from `seed`: each is 0–2 word respellings and 1–2 contexts, chosen at random. */
export function* mutations(seed: number, count: number, options: { optionPrefixes?: boolean } = {}): Generator<Mutation & { seedIndex: number; stepSeed: number }> {
  const rand = prng(seed);
  const wordNames = Object.keys(WORD_MUTATIONS);
  const contextNames = Object.keys(CONTEXTS);
  for (let made = 0; made < count; ) {
    const seedIndex = Math.floor(rand() * SEEDS.length);
    const steps: string[] = [];
    const wordCount = Math.floor(rand() * 3);
    for (let i = 0; i < wordCount; i++) steps.push(pick(wordNames, rand));
    const contextCount = rand() < 0.15 ? 0 : rand() < 0.75 ? 1 : 2;
    for (let i = 0; i < contextCount; i++) steps.push(pick(contextNames, rand));
    const stepSeed = Math.floor(rand() * 2 ** 31);
    const command = build(seedIndex, steps, prng(stepSeed));
    if (command === undefined || (options.optionPrefixes === false && OPTION_PREFIX_SPELLING.test(command))) continue;
    made++;
    yield { command, steps, seed, seedIndex, stepSeed };
  }
}
