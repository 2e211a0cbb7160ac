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

/** Well-known token formats, redacted wherever they appear. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub personal, OAuth, user, server and refresh tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g, // GitHub fine-grained tokens
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids (long-term and temporary)
  /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, // Slack tokens
  /\bsk-[A-Za-z0-9_-]{20,}/g, // OpenAI / Anthropic style API keys
];

/** HTTP credentials: group 1 is the credential. `Bearer` alone is case-sensitive so English prose survives. */
const HTTP_CREDENTIALS: readonly RegExp[] = [
  /\bBearer[ \t]+([A-Za-z0-9._~+/-]+=*)/dg,
  /\bauthorization:[ \t]*(?:bearer|basic|token)[ \t]+([A-Za-z0-9._~+/-]+=*)/dgi,
];

/** `scheme://user:PASSWORD@host`: group 1 is the password (greedy to the last `@`, since passwords may hold one). */
const URL_PASSWORD = /(?<![\w+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]*:([^\s/'"?#]+)@/dgi;

/** `NAME=` where NAME says it holds a secret; the value that follows is a shell word. */
const SECRET_ASSIGNMENT = /(?<![\w$])(?:[A-Za-z_][A-Za-z0-9_]*_(?:TOKEN|KEY|SECRET|PASSWORD|PASS|PWD)|PASSWORD|TOKEN|SECRET)=/gi;

/** `--password=`, `--token VALUE`, `--api-key=`…; a following word that starts with `-` is another flag, not a value. */
const SECRET_FLAG = /(?<![\w-])--[\w-]*(?:password|passwd|token|secret|api-?key)(?:=|[ \t]+(?![-\s]))/gi;

/** MySQL/MariaDB clients take the password glued to `-p` (`-psecret`); elsewhere `-p` means something else. */
const MYSQL_PROGRAM = /(?<![\w.-])(?:mysql|mariadb)(?:dump|admin|import|check|show|-dump|-admin|-import|-check|-show)?(?![\w.-])/g;
const MYSQL_PASSWORD_FLAG = /(?<![\w-])-p(?=\S)/g;
const COMMAND_SEPARATOR = /[;&|\n]/g;

/** `-u user:password` / `--user=user:password` (curl, httpie) and `--proxy-user`; the value after the first `:` is the password. */
const USER_PASSWORD_FLAG = /(?<![\w-])(?:-u|--user|--proxy-user|-U|-a|--auth)(?:=|[ \t]+(?![-\s])|(?=[^\s=-]))/g;
/** Only these clients: elsewhere `-u`/`-a` mean something else (`sort -u file:1`). */
const HTTP_CLIENT = /(?<![\w.-])(?:curl|curlie|wget|http|https|xh|xhs|lftp)(?![\w.-])/g;

/** API-key headers by name (`-H 'X-Api-Key: …'`, `PRIVATE-TOKEN: …`); group 1 is the value. */
const KEY_HEADER = /\b(?:x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|x-vault-token|x-goog-api-key)[ \t]*:[ \t]*([A-Za-z0-9._~+/=-]{6,})/dgi;

const SQ = 0x27; // '
const DQ = 0x22; // "
const BS = 0x5c; // \

/** Replaces every secret in `command` with `[REDACTED]`; everything else is kept byte for byte. */
export function redact(command: string): string {
  const quotes = quoteContexts(command);
  const spans = [
    ...TOKEN_SHAPES.flatMap((re) => matchSpans(command, re, 0)),
    ...HTTP_CREDENTIALS.flatMap((re) => matchSpans(command, re, 1)),
    ...matchSpans(command, URL_PASSWORD, 1),
    ...wordSpans(command, SECRET_ASSIGNMENT, quotes),
    ...wordSpans(command, SECRET_FLAG, quotes),
    ...mysqlPasswords(command, quotes),
    ...userPasswords(command, quotes),
    ...matchSpans(command, KEY_HEADER, 1),
  ];
  return replaceSpans(command, spans);
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
  for (const word of inCommandsOf(text, HTTP_CLIENT, USER_PASSWORD_FLAG, quotes)) {
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
  return inCommandsOf(text, MYSQL_PROGRAM, MYSQL_PASSWORD_FLAG, quotes);
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
