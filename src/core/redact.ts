// Secret redaction for command text before it is written to the audit log: best effort, never slower than linear.
//
// Every regex here has no nested quantifiers and starts at a position pinned by a lookbehind or a
// literal, so an agent-supplied command cannot make redaction slow. Values that are shell words
// (`X_TOKEN='a b'`) are measured by a small quote-aware scanner instead of a regex, which is both
// linear and exact about where the word ends, so the rest of the command stays byte-identical.

const MARK = "[REDACTED]";

interface Span {
  start: number;
  end: number;
}

/**
 * An expression and literals one of which every match contains (lower-case for a case-insensitive
 * expression). An expression whose literals are all absent cannot match and is not run: most
 * commands hold no secret, and each expression costs a compilation on its first use in a process.
 */
interface Gated {
  re: RegExp;
  literals: readonly string[];
}

/** Well-known token formats, redacted wherever they appear. */
const TOKEN_SHAPES: readonly Gated[] = [
  { re: /\bgh[pousr]_[A-Za-z0-9]{20,}/g, literals: ["gh"] }, // GitHub personal, OAuth, user, server and refresh tokens
  { re: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, literals: ["github_pat_"] }, // GitHub fine-grained tokens
  { re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, literals: ["AKIA", "ASIA"] }, // AWS access key ids (long-term and temporary)
  { re: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, literals: ["xox"] }, // Slack tokens
  { re: /\bsk-[A-Za-z0-9_-]{20,}/g, literals: ["sk-"] }, // OpenAI / Anthropic style API keys
];

/** HTTP credentials: group 1 is the credential. `Bearer` alone is case-sensitive so English prose survives. */
const HTTP_CREDENTIALS: readonly Gated[] = [
  { re: /\bBearer[ \t]+([A-Za-z0-9._~+/-]+=*)/dg, literals: ["Bearer"] },
  { re: /\bauthorization:[ \t]*(?:bearer|basic|token)[ \t]+([A-Za-z0-9._~+/-]+=*)/dgi, literals: ["authorization:"] },
];

/** `scheme://user:PASSWORD@host`: group 1 is the password (greedy to the last `@`, since passwords may hold one). */
const URL_PASSWORD: Gated = { re: /(?<![\w+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]*:([^\s/'"?#]+)@/dgi, literals: ["://"] };

/** `NAME=` where NAME says it holds a secret; the value that follows is a shell word. */
const SECRET_ASSIGNMENT: Gated = {
  re: /(?<![\w$])(?:[A-Za-z_][A-Za-z0-9_]*_(?:TOKEN|KEY|SECRET|PASSWORD|PASS|PWD)|PASSWORD|TOKEN|SECRET)=/gi,
  literals: ["token=", "key=", "secret=", "password=", "pass=", "pwd="],
};

/** `--password=`, `--token VALUE`, `--api-key=`…; a following word that starts with `-` is another flag, not a value. */
const SECRET_FLAG: Gated = { re: /(?<![\w-])--[\w-]*(?:password|passwd|token|secret|api-?key)(?:=|[ \t]+(?![-\s]))/gi, literals: ["--"] };

/** MySQL/MariaDB clients take the password glued to `-p` (`-psecret`); elsewhere `-p` means something else. */
const MYSQL_PROGRAM: Gated = { re: /(?<![\w.-])(?:mysql|mariadb)(?:dump|admin|import|check|show|-dump|-admin|-import|-check|-show)?(?![\w.-])/g, literals: ["mysql", "mariadb"] };
const MYSQL_PASSWORD_FLAG = /(?<![\w-])-p(?=\S)/g;
const COMMAND_SEPARATOR = /[;&|\n]/g;

/** `-u user:password` / `--user=user:password` (curl, httpie) and `--proxy-user`; the value after the first `:` is the password. */
const USER_PASSWORD_FLAG = /(?<![\w-])(?:-u|--user|--proxy-user|-U|-a|--auth)(?:=|[ \t]+(?![-\s])|(?=[^\s=-]))/g;
/** Only these clients: elsewhere `-u`/`-a` mean something else (`sort -u file:1`). */
const HTTP_CLIENT: Gated = { re: /(?<![\w.-])(?:curl|curlie|wget|http|https|xh|xhs|lftp)(?![\w.-])/g, literals: ["curl", "wget", "http", "xh", "lftp"] };

/** API-key headers by name (`-H 'X-Api-Key: …'`, `PRIVATE-TOKEN: …`); group 1 is the value. */
const KEY_HEADER: Gated = {
  re: /\b(?:x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-vault-token|x-goog-api-key)[ \t]*:[ \t]*([A-Za-z0-9._~+/=-]{6,})/dgi,
  literals: ["api-key", "apikey", "-token"],
};

const SQ = 0x27; // '
const DQ = 0x22; // "
const BS = 0x5c; // \

/** The command and its lower-case form, for the literal checks of case-insensitive expressions. */
interface Subject {
  text: string;
  lower: string;
  all?: boolean;
}

/** Whether `gate` can match: one of its literals is in the text. Only ASCII letters fold under a non-Unicode `i` flag, so the lower-case text holds every case-insensitive match's literal. */
function mayMatch(gate: Gated, subject: Subject): boolean {
  if (subject.all) return true;
  const text = gate.re.ignoreCase ? subject.lower : subject.text;
  return gate.literals.some((literal) => text.includes(literal));
}

/** Replaces every secret in `command` with `[REDACTED]`; everything else is kept byte for byte. `ungated` runs every expression (the tests' reference). */
export function redact(command: string, ungated = false): string {
  const subject = ungated ? { text: command, lower: command.toLowerCase(), all: true } : { text: command, lower: command.toLowerCase() };
  let contexts: Uint8Array | undefined;
  const quotes = () => (contexts ??= quoteContexts(command));
  const spans = [
    ...TOKEN_SHAPES.flatMap((gate) => (mayMatch(gate, subject) ? matchSpans(command, gate.re, 0) : [])),
    ...HTTP_CREDENTIALS.flatMap((gate) => (mayMatch(gate, subject) ? matchSpans(command, gate.re, 1) : [])),
    ...(mayMatch(URL_PASSWORD, subject) ? matchSpans(command, URL_PASSWORD.re, 1) : []),
    ...(mayMatch(SECRET_ASSIGNMENT, subject) ? wordSpans(command, SECRET_ASSIGNMENT.re, quotes()) : []),
    ...(mayMatch(SECRET_FLAG, subject) ? wordSpans(command, SECRET_FLAG.re, quotes()) : []),
    ...(mayMatch(MYSQL_PROGRAM, subject) ? mysqlPasswords(command, quotes()) : []),
    ...(mayMatch(HTTP_CLIENT, subject) ? userPasswords(command, quotes()) : []),
    ...(mayMatch(KEY_HEADER, subject) ? matchSpans(command, KEY_HEADER.re, 1) : []),
  ];
  return spans.length ? replaceSpans(command, spans) : command;
}

function matchSpans(text: string, re: RegExp, group: number): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const range = group === 0 ? [m.index, m.index + m[0].length] : m.indices?.[group];
    if (range) spans.push({ start: range[0], end: range[1] });
  }
  return spans;
}

/**
 * The shell word right after each match of `anchor` in text[from, to) (the match ends where the
 * value begins). Anchors inside a value already found are skipped: that keeps the scan linear
 * (`X_TOKEN='X_TOKEN='…` would otherwise rescan the same long word from every anchor).
 */
function wordSpans(text: string, anchor: RegExp, quotes: Uint8Array, from = 0, to = text.length): Span[] {
  const scope = from === 0 && to === text.length ? text : text.slice(from, to);
  const spans: Span[] = [];
  anchor.lastIndex = 0;
  for (let m = anchor.exec(scope); m; m = anchor.exec(scope)) {
    const span = valueSpan(text, from + m.index + m[0].length, quotes);
    if (!span) continue;
    spans.push(span);
    if (span.end - from > anchor.lastIndex) anchor.lastIndex = span.end - from;
  }
  anchor.lastIndex = 0;
  return spans;
}

function valueSpan(text: string, start: number, quotes: Uint8Array): Span | undefined {
  // `$VAR`, `"$VAR"` and `$(…)` name where the secret comes from without containing it: worth keeping.
  if (text.startsWith("$", start) || text.startsWith('"$', start)) return undefined;
  const end = wordEnd(text, start, quotes[start]);
  return end > start ? { start, end } : undefined;
}

/** The password half of `user:password` after -u/--user; a value without `:` (curl then prompts) is kept. */
function userPasswords(text: string, quotes: Uint8Array): Span[] {
  const spans: Span[] = [];
  for (const word of inCommandsOf(text, HTTP_CLIENT.re, USER_PASSWORD_FLAG, quotes)) {
    const colon = text.indexOf(":", word.start);
    if (colon < 0 || colon >= word.end - 1) continue;
    // A closing quote stays outside the mark so the command still reads as shell.
    const last = text.charCodeAt(word.end - 1);
    const end = (last === SQ || last === DQ) && word.end - 1 > colon + 1 ? word.end - 1 : word.end;
    spans.push({ start: colon + 1, end });
  }
  return spans;
}

function mysqlPasswords(text: string, quotes: Uint8Array): Span[] {
  return inCommandsOf(text, MYSQL_PROGRAM.re, MYSQL_PASSWORD_FLAG, quotes);
}

/** The words after `flag` within the simple commands of `program` (up to the next `;`, `&`, `|` or newline). */
function inCommandsOf(text: string, program: RegExp, flag: RegExp, quotes: Uint8Array): Span[] {
  const spans: Span[] = [];
  program.lastIndex = 0;
  for (let m = program.exec(text); m; m = program.exec(text)) {
    const from = m.index + m[0].length;
    COMMAND_SEPARATOR.lastIndex = from;
    const to = COMMAND_SEPARATOR.exec(text)?.index ?? text.length;
    spans.push(...wordSpans(text, flag, quotes, from, to));
    // Continue after this simple command so each part of the text is scanned once.
    program.lastIndex = Math.max(to, program.lastIndex);
  }
  program.lastIndex = 0;
  return spans;
}

/**
 * For each index, the quote the character sits inside (0, `'` or `"`) as the outer shell reads it.
 * A value inside `bash -c "X_TOKEN=abc cmd"` must stop at the closing `"`, not run past it.
 */
function quoteContexts(text: string): Uint8Array {
  const contexts = new Uint8Array(text.length + 1);
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    contexts[i] = open;
    if (open === SQ) {
      if (c === SQ) open = 0;
    } else if (c === BS) {
      if (i + 1 < text.length) contexts[++i] = open;
    } else if (c === open) {
      open = 0;
    } else if (open === 0 && (c === SQ || c === DQ)) {
      open = c;
    }
  }
  contexts[text.length] = open;
  return contexts;
}

/** End of the shell word starting at `start`, inside the enclosing quote `enclosing` (0 for none). */
function wordEnd(text: string, start: number, enclosing: number): number {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === enclosing || isWordBreak(c)) return i;
    if (c === BS) i += 2;
    else if (c === SQ || c === DQ) i = closingQuote(text, i) + 1;
    else i++;
  }
  return text.length;
}

/** Index of the quote closing the one at `open`; an unclosed quote runs to the end (redacting too much is safe). */
function closingQuote(text: string, open: number): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BS && quote === DQ) i++;
    else if (c === quote) return i;
  }
  return text.length;
}

function isWordBreak(c: number): boolean {
  // whitespace and the shell metacharacters that end an unquoted word: ; & | < > ( ) `
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x3c || c === 0x3e || c === 0x28 || c === 0x29 || c === 0x60;
}

function replaceSpans(text: string, spans: Span[]): string {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  let out = "";
  let pos = 0;
  for (const span of merged) {
    out += text.slice(pos, span.start) + MARK;
    pos = span.end;
  }
  return out + text.slice(pos);
}
