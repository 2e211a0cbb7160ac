// Linear-time SQL lexer and statement classifier: tells the guard whether SQL handed to psql/mysql/sqlite3 is destructive.
import { classifyClientCommand } from "./sql-client";
import { isStreamDevice } from "../core/stream-devices";

export type SqlStatementKind =
  | "drop-database"
  | "drop-schema"
  | "drop-table"
  | "drop-other"
  | "truncate"
  | "delete-without-where"
  | "delete"
  | "update-without-where"
  | "update"
  | "alter-drop"
  | "select"
  | "insert"
  | "create"
  | "alter"
  | "grant"
  | "revoke"
  /** DROP OWNED BY role: every object the role owns in the database. */
  | "drop-owned"
  /** DROP INDEX: derived data, rebuilt from the table. */
  | "drop-index"
  /** SQL built at run time: EXECUTE, DO blocks that EXECUTE, PREPARE … FROM, psql \\gexec, dblink_exec(). */
  | "dynamic"
  /** A shell command run by the client (psql `\\!`, sqlite3 `.shell`) or the server (COPY … PROGRAM). */
  | "shell-escape"
  /** The client runs the SQL of another file (psql `\\i`, sqlite3 `.read`, mysql `source`). */
  | "include"
  /** Undoes a read-only session: SET default_transaction_read_only = off, BEGIN READ WRITE, PRAGMA query_only = 0. */
  | "read-write"
  /** Time Travel switched off (Snowflake `SET DATA_RETENTION_TIME_IN_DAYS = 0`): dropped or changed data can no longer be brought back. */
  | "history-off"
  /** CREATE OR REPLACE TABLE (BigQuery, Snowflake, DuckDB, Databricks): the existing table and its rows are dropped. */
  | "replace-table"
  /** DROP TABLE / TRUNCATE whose every table is named as scratch (`tmp_x`, `test_y`, `x_temp`) or is a MySQL TEMPORARY table. */
  | "drop-scratch-table"
  /** Query results written over a named collection (MongoDB aggregate `$out`/`$merge`, mapReduce `out`): its documents are replaced or merged into. */
  | "write-into"
  /** The server writes a file: SELECT … INTO OUTFILE/DUMPFILE, lo_export(), COPY … TO 'file'. */
  | "file-write"
  /** Changes the server for every session: ALTER SYSTEM, SET GLOBAL, pg_terminate_backend(), KILL, SHUTDOWN. */
  | "server-admin"
  | "other";

export interface SqlStatement {
  kind: SqlStatementKind;
  /** The statement's source text, trimmed. */
  text: string;
  /** Offset of the statement in the input (UTF-16 code units, like String#slice). */
  start: number;
  /** Exclusive end offset: `input.slice(start, end) === text`. */
  end: number;
  /** Object name where known, quotes removed: "users", "public.users". */
  target?: string;
  /** For `shell-escape`: the shell command, when it is known. */
  shell?: string;
  /** For `include`: the file whose SQL runs. */
  include?: string;
}

export interface SqlAnalysis {
  statements: SqlStatement[];
  /** True when the input exceeded MAX_SQL_BYTES; only the prefix was analysed. */
  truncated: boolean;
}

/** Inputs are capped so one huge payload cannot make the guard slow; callers see `truncated`. */
export const MAX_SQL_BYTES: number = 1_048_576;

// ---------------------------------------------------------------------------------------------
// Lexer
// ---------------------------------------------------------------------------------------------

type TokType = "word" | "ident" | "str" | "num" | "punct" | "param";

interface Tok {
  type: TokType;
  start: number;
  end: number;
  /** word: source text; ident/str: content with doubled quotes collapsed; punct: the character. */
  v: string;
  /** Upper-cased word. Left empty for long words: keywords are short, and this keeps 1 MB words cheap. */
  u: string;
}

interface RawStatement {
  start: number;
  end: number;
  /** null for client-side commands (psql `\x`, sqlite `.x`, mysql DELIMITER): they are not SQL. */
  toks: Tok[] | null;
}

/**
 * The caller does not tell us which server the SQL is for, and a few lexical rules differ between
 * dialects in ways that move statement boundaries. Each reading below is one consistent set of rules.
 */
interface Reading {
  /** `#` line comments: MySQL always, PostgreSQL never (`#` is an operator), default at token boundaries. */
  hash: "boundary" | "always" | "never";
  /** MySQL's default: `\'` escapes a quote inside '...' and "...". Standard SQL has no such escape. */
  backslashStrings: boolean;
  /** MySQL only treats `--` as a comment when whitespace or a control character follows it. */
  dashNeedsSpace: boolean;
}

const DEFAULT_READING: Reading = { hash: "boundary", backslashStrings: false, dashNeedsSpace: false };
const MYSQL_READING: Reading = { hash: "always", backslashStrings: true, dashNeedsSpace: true };
const POSTGRES_READING: Reading = { hash: "never", backslashStrings: false, dashNeedsSpace: false };

/** Dollar-quote tags longer than this are not treated as quotes, which keeps indexOf cheap. */
const MAX_DOLLAR_TAG = 64;
const MAX_DELIMITER = 16;
/** Words longer than this cannot be keywords, so they are not upper-cased. */
const MAX_KEYWORD_LENGTH = 32;

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_DQUOTE = 34;
const CH_HASH = 35;
const CH_DOLLAR = 36;
const CH_QUOTE = 39;
const CH_STAR = 42;
const CH_DASH = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_SEMI = 59;
const CH_UPPER_E = 69;
const CH_UPPER_M = 77;
const CH_BACKSLASH = 92;
const CH_LOWER_E = 101;
const CH_BACKTICK = 96;

function isSpace(c: number): boolean {
  return c === CH_SPACE || (c >= CH_TAB && c <= CH_CR);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Non-ASCII code units count as identifier characters, as in PostgreSQL and MySQL. */
function isIdentStart(c: number): boolean {
  return isAsciiLetter(c) || c === 95 || c >= 128;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === CH_DOLLAR;
}

/** Characters PostgreSQL operators are built from; `#` next to one of them is part of an operator (`#>`, `<#>`). */
function isOperatorChar(c: number): boolean {
  switch (c) {
    case 43: // +
    case 45: // -
    case 42: // *
    case 47: // /
    case 60: // <
    case 62: // >
    case 61: // =
    case 126: // ~
    case 33: // !
    case 64: // @
    case 35: // #
    case 37: // %
    case 94: // ^
    case 38: // &
    case 124: // |
    case 96: // `
    case 63: // ?
      return true;
    default:
      return false;
  }
}

interface Lexed {
  statements: RawStatement[];
  /** The input ended inside a string or quoted identifier, which every server rejects. */
  unterminatedQuote: boolean;
}

/**
 * Splits `src` into statements of tokens in one forward pass. Every step advances the cursor, and the
 * only searches (indexOf) start at the cursor and jump to what they find, so the pass is linear.
 */
function lex(src: string, reading: Reading): Lexed {
  return new Lexer(src, reading).run();
}

/** The state of one pass: the statements so far, the tokens of the pending one, and the client's settings it met. */
class Lexer {
  private readonly n: number;
  private readonly out: RawStatement[] = [];
  private unterminatedQuote = false;
  private toks: Tok[] = [];
  private stmtEnd = 0;
  /** mysql's `DELIMITER` client command changes it. */
  private delimiter = ";";
  /** MySQL executable comments `/*! … *\/` open: their content is SQL, their end is not. */
  private execComments = 0;

  constructor(
    private readonly src: string,
    private readonly reading: Reading,
  ) {
    this.n = src.length;
  }

  run(): Lexed {
    let pos = 0;
    while (pos < this.n) pos = this.step(pos);
    this.flush();
    return { statements: this.out, unterminatedQuote: this.unterminatedQuote };
  }

  /** Lexes what starts at `pos`; returns where the next token may start. */
  private step(pos: number): number {
    const src = this.src;
    const c = src.charCodeAt(pos);
    const c1 = src.charCodeAt(pos + 1);
    if (isSpace(c)) return pos + 1;
    if (this.delimiter !== ";" && src.startsWith(this.delimiter, pos)) {
      this.flush();
      return pos + this.delimiter.length;
    }
    // `;` still splits under a custom DELIMITER: the mysql client enables multi-statements, so the
    // server runs every `;`-separated statement of a delimited chunk anyway.
    if (c === CH_SEMI) {
      this.flush();
      return pos + 1;
    }
    // psql (and mysql) client commands: `\c db`, `\i file`, `\! rm -rf /`, `\G`. A backslash outside
    // quotes is never SQL, so any position counts, not only the start of a line.
    if (c === CH_BACKSLASH) return this.clientCommand(pos, true);
    // sqlite3 dot-commands (`.shell`, `.read`) live at the left margin when no statement is pending.
    if (c === CH_DOT && this.toks.length === 0 && (pos === 0 || src.charCodeAt(pos - 1) === CH_LF) && isAsciiLetter(c1)) return this.clientCommand(pos, false);
    const afterComment = this.comment(pos, c, c1);
    if (afterComment >= 0) return afterComment;
    if (c === CH_QUOTE) return this.quoted(pos, pos, CH_QUOTE, this.reading.backslashStrings, "str");
    if (c === CH_DQUOTE) return this.quoted(pos, pos, CH_DQUOTE, this.reading.backslashStrings, "ident");
    if (c === CH_BACKTICK) return this.quoted(pos, pos, CH_BACKTICK, false, "ident");
    if (c === CH_DOLLAR) return this.dollar(pos, c1);
    if (isDigit(c)) return this.number(pos);
    if (isIdentStart(c)) return this.word(pos, c, c1);
    this.emit("punct", pos, pos + 1, src[pos]);
    return pos + 1;
  }

  private flush(): void {
    if (this.toks.length > 0) this.out.push({ start: this.toks[0].start, end: this.stmtEnd, toks: this.toks });
    this.toks = [];
  }

  private emit(type: TokType, start: number, end: number, v: string, u = ""): void {
    this.toks.push({ type, start, end, v, u });
    this.stmtEnd = end;
  }

  /** A client-side command owns the rest of its line. psql resumes SQL after a `\\` separator. */
  private clientCommand(start: number, psqlSeparator: boolean): number {
    const { src, n } = this;
    this.flush();
    let p = start + 1;
    let resume = -1;
    while (p < n) {
      const c = src.charCodeAt(p);
      if (c === CH_LF) break;
      if (psqlSeparator && c === CH_BACKSLASH && src.charCodeAt(p + 1) === CH_BACKSLASH) {
        resume = p + 2;
        break;
      }
      p++;
    }
    const text = src.slice(start, p).trimEnd();
    this.out.push({ start, end: start + text.length, toks: null });
    return resume >= 0 ? resume : p;
  }

  /** Quoted string or identifier starting at `open`. Doubled quotes always escape; backslashes only when asked. */
  private quoted(tokStart: number, open: number, quote: number, backslash: boolean, type: TokType): number {
    const { src, n } = this;
    const q = String.fromCharCode(quote);
    let p = open + 1;
    let close = -1;
    let doubled = false;
    if (!backslash) {
      for (;;) {
        const k = src.indexOf(q, p);
        if (k < 0) break;
        if (src.charCodeAt(k + 1) === quote) {
          doubled = true;
          p = k + 2;
          continue;
        }
        close = k;
        break;
      }
    } else {
      while (p < n) {
        const c = src.charCodeAt(p);
        if (c === CH_BACKSLASH) {
          p += 2;
          continue;
        }
        if (c === quote) {
          if (src.charCodeAt(p + 1) === quote) {
            doubled = true;
            p += 2;
            continue;
          }
          close = p;
          break;
        }
        p++;
      }
    }
    // Unterminated: the quote swallows the rest of the input, exactly as the server would see it.
    const contentEnd = close < 0 ? n : close;
    let v = src.slice(open + 1, contentEnd);
    if (doubled) v = v.split(q + q).join(q);
    const end = close < 0 ? n : close + 1;
    if (close < 0) this.unterminatedQuote = true;
    this.emit(type, tokStart, end, v);
    return end;
  }

  /** Where a comment starting at `pos` ends (and MySQL's executable comments open and close); -1: no comment here. */
  private comment(pos: number, c: number, c1: number): number {
    const { src, n, reading } = this;
    if (c === CH_DASH && c1 === CH_DASH) {
      const c2 = src.charCodeAt(pos + 2);
      if (!reading.dashNeedsSpace || pos + 2 >= n || isSpace(c2) || c2 < CH_SPACE) return this.lineComment(pos + 2);
    }
    if (c === CH_HASH && reading.hash !== "never") {
      let comment = true;
      if (reading.hash === "boundary") {
        const prev = this.toks.length > 0 ? this.toks[this.toks.length - 1] : undefined;
        const glued = prev !== undefined && prev.end === pos && !(prev.type === "punct" && (prev.v === "(" || prev.v === ","));
        comment = !glued && !isOperatorChar(c1);
      }
      if (comment) return this.lineComment(pos + 1);
    }
    if (c === CH_SLASH && c1 === CH_STAR) return this.blockComment(pos);
    if (c === CH_STAR && c1 === CH_SLASH && this.execComments > 0) {
      this.execComments--;
      return pos + 2;
    }
    return -1;
  }

  private lineComment(from: number): number {
    const { src, n } = this;
    let p = from;
    // PostgreSQL ends `--` comments at CR as well as LF; stopping early only ever reveals more SQL.
    while (p < n) {
      const c = src.charCodeAt(p);
      if (c === CH_LF || c === CH_CR) break;
      p++;
    }
    return p;
  }

  /** `/* … *\/`, nested as PostgreSQL nests them; MySQL's `/*!50000 … *\/` runs its content, so that is lexed as SQL. */
  private blockComment(pos: number): number {
    const { src, n } = this;
    const c2 = src.charCodeAt(pos + 2);
    if (c2 === CH_BANG || (c2 === CH_UPPER_M && src.charCodeAt(pos + 3) === CH_BANG)) {
      let p = pos + (c2 === CH_BANG ? 3 : 4);
      while (p < n && isDigit(src.charCodeAt(p))) p++;
      this.execComments++;
      return p;
    }
    let depth = 1;
    let p = pos + 2;
    while (p < n) {
      const ch = src.charCodeAt(p);
      if (ch === CH_STAR && src.charCodeAt(p + 1) === CH_SLASH) {
        p += 2;
        if (--depth === 0) break;
        continue;
      }
      if (ch === CH_SLASH && src.charCodeAt(p + 1) === CH_STAR) {
        depth++;
        p += 2;
        continue;
      }
      p++;
    }
    if (depth > 0) {
      p = n;
      if (this.toks.length > 0) this.stmtEnd = n; // the unterminated tail belongs to the statement it follows
    }
    return p;
  }

  /** `$1` parameters, dollar quoting (`$$...$$`, `$tag$...$tag$`, tag = identifier without `$`), or a lone `$`. */
  private dollar(pos: number, c1: number): number {
    const { src, n } = this;
    if (isDigit(c1)) {
      let p = pos + 1;
      while (p < n && isDigit(src.charCodeAt(p))) p++;
      this.emit("param", pos, p, src.slice(pos, p));
      return p;
    }
    let p = pos + 1;
    if (isIdentStart(c1)) {
      p++;
      while (p < n && p - pos <= MAX_DOLLAR_TAG) {
        const ch = src.charCodeAt(p);
        if (!isIdentStart(ch) && !isDigit(ch)) break;
        p++;
      }
    }
    if (p - pos <= MAX_DOLLAR_TAG && src.charCodeAt(p) === CH_DOLLAR) {
      const tag = src.slice(pos, p + 1);
      const close = src.indexOf(tag, p + 1);
      const end = close < 0 ? n : close + tag.length;
      if (close < 0) this.unterminatedQuote = true;
      this.emit("str", pos, end, src.slice(p + 1, close < 0 ? n : close));
      return end;
    }
    this.emit("punct", pos, pos + 1, "$");
    return pos + 1;
  }

  private number(pos: number): number {
    const { src, n } = this;
    let p = pos + 1;
    while (p < n) {
      const ch = src.charCodeAt(p);
      if (!isDigit(ch) && !isAsciiLetter(ch) && ch !== 95 && ch !== CH_DOT) break;
      if (this.delimiter !== ";" && src.startsWith(this.delimiter, p)) break;
      p++;
    }
    this.emit("num", pos, p, src.slice(pos, p));
    return p;
  }

  /** A keyword or identifier; also PostgreSQL's `E'…'` escape string and mysql's `DELIMITER` client command. */
  private word(pos: number, c: number, c1: number): number {
    const { src, n } = this;
    let p = pos + 1;
    // A custom delimiter ends a word even when it is made of word characters (`DELIMITER $$`, `a$$`).
    const customDelimiter = this.delimiter !== ";";
    while (p < n && isIdentChar(src.charCodeAt(p)) && !(customDelimiter && src.startsWith(this.delimiter, p))) p++;
    // E'...' is PostgreSQL's escape string: the one place the default reading honours backslashes.
    if (p === pos + 1 && (c === CH_UPPER_E || c === CH_LOWER_E) && c1 === CH_QUOTE) return this.quoted(pos, p, CH_QUOTE, true, "str");
    const word = src.slice(pos, p);
    const u = word.length <= MAX_KEYWORD_LENGTH ? word.toUpperCase() : "";
    // mysql's DELIMITER client command: the rest of the line is not SQL, its first word is the new delimiter.
    if (u === "DELIMITER" && this.toks.length === 0 && this.execComments === 0) {
      let a = p;
      while (a < n && (src.charCodeAt(a) === CH_SPACE || src.charCodeAt(a) === CH_TAB)) a++;
      let b = a;
      while (b < n && !isSpace(src.charCodeAt(b))) b++;
      // The mysql client caps delimiters at 16 bytes; the cap also keeps startsWith checks cheap.
      const arg = src.slice(a, Math.min(b, a + MAX_DELIMITER));
      const next = this.clientCommand(pos, false);
      if (arg.length > 0) this.delimiter = arg;
      return next;
    }
    this.emit("word", pos, p, word, u);
    return p;
  }
}

// ---------------------------------------------------------------------------------------------
// Classifier
// ---------------------------------------------------------------------------------------------

interface Op {
  kind: SqlStatementKind;
  target?: string;
  shell?: string;
}

/** Ranks kinds so the strictest operation in a statement comes first; 0 means "reads or does nothing". */
const SEVERITY: Record<SqlStatementKind, number> = {
  "drop-database": 100,
  "drop-schema": 95,
  "drop-owned": 92,
  "drop-table": 90,
  "replace-table": 88,
  truncate: 85,
  "delete-without-where": 80,
  "update-without-where": 75,
  "alter-drop": 70,
  "shell-escape": 68,
  dynamic: 66,
  "read-write": 64,
  "history-off": 64,
  "file-write": 63,
  include: 62,
  "server-admin": 61,
  "drop-other": 60,
  "drop-scratch-table": 58,
  "write-into": 56,
  "drop-index": 55,
  delete: 50,
  update: 45,
  insert: 30,
  alter: 25,
  create: 20,
  grant: 15,
  revoke: 15,
  select: 0,
  other: 0,
};

/** Every statement kind the classifier produces, strictest first: the kinds a rule's `sql:` condition may name. */
export const SQL_STATEMENT_KINDS = Object.keys(SEVERITY) as readonly SqlStatementKind[];

/** The kinds of a SQL fact: a statement kind, or `unknown` for SQL the client reads that guard cannot see (carriers.ts). */
export const SQL_FACT_KINDS: readonly string[] = [...SQL_STATEMENT_KINDS, "unknown"];

/** One statement's tokens plus, for each parenthesis, the index of its partner (-1 when unmatched). */
interface Statement {
  toks: Tok[];
  match: Int32Array;
  /** Operations found inside a statement's bodies and strings (DO $$ … $$, EXECUTE IMMEDIATE '…'). */
  inner: Op[];
  /** How many bodies deep this statement is; bodies past MAX_BODY_DEPTH count as dynamic. */
  depth: number;
}

function isW(t: Tok | undefined, upper: string): boolean {
  return t !== undefined && t.type === "word" && t.u === upper;
}

function isP(t: Tok | undefined, ch: string): boolean {
  return t !== undefined && t.type === "punct" && t.v === ch;
}

function matchParens(toks: Tok[]): Int32Array {
  const match = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.type !== "punct") continue;
    if (t.v === "(") stack.push(i);
    else if (t.v === ")" && stack.length > 0) {
      const open = stack.pop()!;
      match[open] = i;
      match[i] = open;
    }
  }
  return match;
}

/** Index just past the group opened at `i`; an unmatched `(` runs to the end of the range. */
function afterGroup(ctx: Statement, i: number, end: number): number {
  const close = ctx.match[i];
  return close < 0 || close >= end ? end : close + 1;
}

/** First index in [i, end) at parenthesis depth 0 whose token is one of `words`, or -1. */
function findAtDepth0(ctx: Statement, i: number, end: number, words: ReadonlySet<string>): number {
  let j = i;
  while (j < end) {
    const t = ctx.toks[j];
    if (isP(t, "(")) {
      j = afterGroup(ctx, j, end);
      continue;
    }
    if (t.type === "word" && words.has(t.u)) return j;
    j++;
  }
  return -1;
}

function skipWords(ctx: Statement, i: number, end: number, words: ReadonlySet<string>): number {
  let j = i;
  while (j < end && ctx.toks[j].type === "word" && words.has(ctx.toks[j].u)) j++;
  return j;
}

/** A possibly qualified name (`public.users`, `"My Table"`, `` `db`.`t` ``) with quotes removed. */
function readName(ctx: Statement, i: number, end: number): string | undefined {
  const parts: string[] = [];
  let j = i;
  while (j < end) {
    const t = ctx.toks[j];
    if (t.type !== "word" && t.type !== "ident") break;
    parts.push(t.v);
    const next = ctx.toks[j + 2];
    if (j + 2 < end && isP(ctx.toks[j + 1], ".") && (next.type === "word" || next.type === "ident")) {
      j += 2;
      continue;
    }
    break;
  }
  return parts.length > 0 ? parts.join(".") : undefined;
}

const set = (...words: string[]): ReadonlySet<string> => new Set(words);

const WHERE = set("WHERE");
const FROM_OR_WHERE = set("FROM", "WHERE");
const PREDICATE_END = set("RETURNING", "ORDER", "LIMIT", "OFFSET", "FETCH");
const IF_EXISTS = set("IF", "EXISTS", "CONCURRENTLY");
const IF_NOT_EXISTS = set("IF", "NOT", "EXISTS");
const DELETE_MODIFIERS = set("LOW_PRIORITY", "QUICK", "IGNORE");
const UPDATE_MODIFIERS = set("LOW_PRIORITY", "IGNORE");
const ALTER_MODIFIERS = set("ONLINE", "OFFLINE", "IGNORE");
const ALTER_TABLE_PREFIX = set("IF", "EXISTS", "ONLY");
const ALTER_DESTRUCTIVE = set("DROP", "TRUNCATE");
/** `ALTER ... DROP x` forms that remove a column property, not data. */
const ALTER_DROP_HARMLESS = set("DEFAULT", "NOT", "IDENTITY", "EXPRESSION");
const MERGE_ACTIONS = set("DELETE", "UPDATE");
const MUTATIONS = set("DELETE", "UPDATE");
/** ClickHouse `ALTER TABLE t MODIFY TTL …` (or a column's TTL): the server deletes every row older than the expression. */
const ALTER_TTL = set("TTL");
const DETACHED_OBJECTS = set("TABLE", "VIEW", "DICTIONARY");
const PERMANENTLY = set("PERMANENTLY");
const SEARCH_END = set("SET");
const CYCLE_END = set("USING");
const EXPLAIN_FLAGS = set("VERBOSE", "EXTENDED", "PARTITIONS", "QUERY", "PLAN");
/** Words naming the object type in `DROP <type> name`, skipped to find the name. */
const DROP_TYPE_WORDS = set(
  "ACCESS", "AGGREGATE", "CAST", "CLASS", "COLLATION", "CONFIGURATION", "CONVERSION", "DATA", "DICTIONARY",
  "DOMAIN", "EVENT", "EXTENSION", "FAMILY", "FOREIGN", "FUNCTION", "GROUP", "INDEX", "LANGUAGE", "MAPPING",
  "MATERIALIZED", "METHOD", "OPERATOR", "PARSER", "POLICY", "PROCEDURAL", "PROCEDURE", "PUBLICATION", "ROLE",
  "ROUTINE", "RULE", "SEARCH", "SEQUENCE", "SERVER", "STATISTICS", "SUBSCRIPTION", "TABLESPACE", "TEMPLATE",
  "TEXT", "TRANSFORM", "TRIGGER", "TRUSTED", "TYPE", "USER", "VIEW", "WRAPPER",
);
const NOT_A_NAME = set("IF", "ON", "FOR", "BY", "FROM", "TO");

/**
 * True when a WHERE predicate does not restrict rows: empty, `TRUE`, a non-zero number, `NOT FALSE`,
 * `x = x` for identical literal/column operands, `1 <> 2`, any such disjunct of an OR, or only such
 * conjuncts of an AND. Depth-limited; past the limit we assume the worst.
 */
function isTautology(ctx: Statement, s: number, e: number, depth: number, table?: string): boolean {
  if (depth > 32) return true;
  while (s < e && isP(ctx.toks[s], "(") && ctx.match[s] === e - 1) {
    s++;
    e--;
  }
  if (s >= e) return true;
  const ors = splitAtDepth0(ctx, s, e, "OR");
  if (ors.length > 2) {
    for (let k = 0; k < ors.length; k += 2) if (isTautology(ctx, ors[k], ors[k + 1], depth + 1, table)) return true;
    return false;
  }
  const ands = splitAtDepth0(ctx, s, e, "AND");
  if (ands.length > 2) {
    for (let k = 0; k < ands.length; k += 2) if (!isTautology(ctx, ands[k], ands[k + 1], depth + 1, table)) return false;
    return true;
  }
  return isTautologicalAtom(ctx, s, e, table);
}

/** Flat [start, end, start, end, ...] ranges between depth-0 occurrences of `word`. */
function splitAtDepth0(ctx: Statement, s: number, e: number, word: string): number[] {
  const parts: number[] = [];
  let from = s;
  let j = s;
  while (j < e) {
    const t = ctx.toks[j];
    if (isP(t, "(")) {
      j = afterGroup(ctx, j, e);
      continue;
    }
    if (isW(t, word)) {
      parts.push(from, j);
      from = j + 1;
    }
    j++;
  }
  parts.push(from, e);
  return parts;
}

function isComparisonChar(t: Tok): boolean {
  return t.type === "punct" && (t.v === "=" || t.v === "<" || t.v === ">" || t.v === "!");
}

function isLiteral(t: Tok): boolean {
  return t.type === "num" || t.type === "str" || isW(t, "TRUE") || isW(t, "FALSE");
}

/** Numeric value of a number token; NaN for forms like `1_000` or `1e` that we do not evaluate. */
function numberValue(t: Tok): number {
  return Number(t.v);
}

function sameToken(a: Tok, b: Tok): boolean {
  if (a.type !== b.type) {
    // `1 = '1'`: both servers coerce the string literal.
    const num = a.type === "num" ? a : b.type === "num" ? b : undefined;
    const str = a.type === "str" ? a : b.type === "str" ? b : undefined;
    return num !== undefined && str !== undefined && str.v.trim() !== "" && numberValue(num) === Number(str.v);
  }
  switch (a.type) {
    case "num":
      return a.v === b.v || numberValue(a) === numberValue(b);
    case "word":
      return a.v.toLowerCase() === b.v.toLowerCase() && a.u !== "NULL";
    case "punct":
      return a.v === "." && b.v === ".";
    default:
      return a.v === b.v;
  }
}

function isTautologicalAtom(ctx: Statement, s: number, e: number, table: string | undefined): boolean {
  const toks = ctx.toks;
  if (isAlwaysTrueShape(ctx, s, e, table)) return true;
  let k = s;
  while (k < e && !isComparisonChar(toks[k])) k++;
  if (k === e) {
    if (e - s === 1) {
      const t = toks[s];
      if (isW(t, "TRUE")) return true;
      if (t.type === "num") return numberValue(t) !== 0 && !Number.isNaN(numberValue(t)); // MySQL/SQLite treat `WHERE 1` as true
      return false;
    }
    if (e - s === 2 && isW(toks[s], "NOT")) {
      const t = toks[s + 1];
      return isW(t, "FALSE") || (t.type === "num" && numberValue(t) === 0);
    }
    return false;
  }
  let opEnd = k;
  let op = "";
  while (opEnd < e && isComparisonChar(toks[opEnd]) && op.length < 3) op += toks[opEnd++].v;
  const leftLen = k - s;
  const rightLen = e - opEnd;
  if (leftLen === 0 || leftLen !== rightLen) return false;
  if (op === "<>" || op === "!=") {
    const a = toks[s];
    const b = toks[opEnd];
    return leftLen === 1 && isLiteral(a) && isLiteral(b) && a.type === b.type && !sameToken(a, b);
  }
  if (op !== "=" && op !== "==" && op !== "<=>" && op !== ">=" && op !== "<=") return false;
  for (let j = 0; j < leftLen; j++) {
    const a = toks[s + j];
    const b = toks[opEnd + j];
    // Function calls (`random() = random()`) are not provably equal; only names, literals and dots are.
    if (a.type === "punct" && a.v !== ".") return false;
    if (!sameToken(a, b)) return false;
  }
  return true;
}

/** True when a DELETE/UPDATE whose depth-0 WHERE is at `where` (-1: none) can touch every row. */
function isUnbounded(ctx: Statement, where: number, end: number, table?: string): boolean {
  if (where < 0) return true;
  const stop = findAtDepth0(ctx, where + 1, end, PREDICATE_END);
  return isTautology(ctx, where + 1, stop < 0 ? end : stop, 0, table);
}

function classifyDelete(ctx: Statement, i: number, end: number): Op {
  // MySQL allows `DELETE t1 FROM t1 JOIN ...`, so FROM is looked up rather than expected at i + 1.
  let from = -1;
  let where = -1;
  let j = i + 1;
  while (j < end) {
    const k = findAtDepth0(ctx, j, end, FROM_OR_WHERE);
    if (k < 0) break;
    if (ctx.toks[k].u === "WHERE") {
      where = k;
      break;
    }
    if (from < 0) from = k;
    j = k + 1;
  }
  let nameAt = from >= 0 ? from + 1 : skipWords(ctx, i + 1, end, DELETE_MODIFIERS);
  if (nameAt < end && isW(ctx.toks[nameAt], "ONLY")) nameAt++;
  const target = readName(ctx, nameAt, end);
  return { kind: isUnbounded(ctx, where, end, target) ? "delete-without-where" : "delete", target };
}

function classifyUpdate(ctx: Statement, i: number, end: number): Op {
  let j = skipWords(ctx, i + 1, end, UPDATE_MODIFIERS);
  if (j < end && isW(ctx.toks[j], "OR")) j += 2; // SQLite: UPDATE OR REPLACE t ...
  if (j < end && isW(ctx.toks[j], "ONLY")) j++;
  const target = readName(ctx, j, end);
  const where = findAtDepth0(ctx, j, end, WHERE);
  return { kind: isUnbounded(ctx, where, end, target) ? "update-without-where" : "update", target };
}

function classifyDrop(ctx: Statement, i: number, end: number): Op {
  const toks = ctx.toks;
  let j = i + 1;
  const temporary = j < end && (isW(toks[j], "TEMPORARY") || isW(toks[j], "TEMP"));
  if (temporary) j++; // MySQL: DROP TEMPORARY TABLE drops only this session's temporary tables
  const type = j < end ? toks[j] : undefined;
  let kind: SqlStatementKind = "drop-other";
  if (isW(type, "DATABASE") || isW(type, "KEYSPACE")) kind = "drop-database";
  else if (isW(type, "SCHEMA")) kind = "drop-schema";
  else if (isW(type, "TABLE")) kind = "drop-table";
  if (kind !== "drop-other") {
    const from = skipWords(ctx, j + 1, end, IF_EXISTS);
    if (kind === "drop-table" && (temporary || allScratch(ctx, from, end))) return { kind: "drop-scratch-table", target: readName(ctx, from, end) };
    return { kind, target: readName(ctx, from, end) };
  }
  if (isW(type, "OWNED")) return { kind: "drop-owned" };
  if (isW(type, "INDEX")) kind = "drop-index";
  j = skipWords(ctx, skipWords(ctx, j, end, DROP_TYPE_WORDS), end, IF_EXISTS);
  if (j < end && toks[j].type === "word" && NOT_A_NAME.has(toks[j].u)) return { kind };
  return { kind, target: readName(ctx, j, end) };
}

function classifyTruncate(ctx: Statement, i: number, end: number): Op {
  let j = i + 1;
  if (j < end && isW(ctx.toks[j], "TABLE")) j++;
  j = skipWords(ctx, j, end, ALTER_TABLE_PREFIX);
  // `TRUNCATE tmp_x CASCADE` also empties every table that references it, scratch or not.
  const scratch = allScratch(ctx, j, end) && findAtDepth0(ctx, j, end, set("CASCADE")) < 0;
  return { kind: scratch ? "drop-scratch-table" : "truncate", target: readName(ctx, j, end) };
}

/**
 * Scratch table names: a `tmp`/`temp`/`test`/`scratch` prefix or a `tmp`/`temp`/`test` suffix. The
 * name is a convention anyone can break, so it lowers a deny to an ask, never further.
 */
const SCRATCH_NAME = /^(?:tmp|temp|test|scratch)(?:_|$)|_(?:tmp|temp|test)$/i;

/** Every table of a `name [, name …]` list at `i` has a scratch name (the last part of a qualified name counts). */
function allScratch(ctx: Statement, i: number, end: number): boolean {
  const toks = ctx.toks;
  const isName = (t: Tok | undefined) => t !== undefined && (t.type === "word" || t.type === "ident");
  let j = i;
  while (j < end && isName(toks[j])) {
    let last = toks[j++].v;
    while (j + 1 < end && isP(toks[j], ".") && isName(toks[j + 1])) {
      last = toks[j + 1].v;
      j += 2;
    }
    if (!SCRATCH_NAME.test(last)) return false;
    if (!(j < end && isP(toks[j], ","))) return j > i;
    j++;
  }
  return false;
}

function classifyAlter(ctx: Statement, i: number, end: number): Op {
  if (retentionOff(ctx, i, end)) return { kind: "history-off" };
  let j = skipWords(ctx, i + 1, end, ALTER_MODIFIERS);
  // ALTER ROLE app SET default_transaction_read_only = off: the next sessions start writable.
  if (!(j < end && isW(ctx.toks[j], "TABLE"))) {
    if (undoesReadOnly(ctx, j, end)) return { kind: "read-write" };
    // PostgreSQL ALTER SYSTEM rewrites postgresql.auto.conf: the server's settings for every session.
    return { kind: isW(ctx.toks[j], "SYSTEM") ? "server-admin" : "alter" };
  }
  j = skipWords(ctx, j + 1, end, ALTER_TABLE_PREFIX);
  const target = readName(ctx, j, end);
  // ClickHouse mutations: ALTER TABLE t DELETE WHERE …, ALTER TABLE t UPDATE c = 1 WHERE ….
  const mutation = findAtDepth0(ctx, j, end, MUTATIONS);
  if (mutation >= 0) {
    const where = findAtDepth0(ctx, mutation, end, WHERE);
    const unbounded = isUnbounded(ctx, where, end, target);
    if (ctx.toks[mutation].u === "DELETE") return { kind: unbounded ? "delete-without-where" : "delete", target };
    return { kind: unbounded ? "update-without-where" : "update", target };
  }
  let kind: SqlStatementKind = "alter";
  // A TTL expires rows as it is set: `+ INTERVAL 1 SECOND` empties the table on the next merge, like a DELETE the
  // server runs for us. `REMOVE TTL` (the word before is REMOVE) keeps every row.
  const ttl = findAtDepth0(ctx, j, end, ALTER_TTL);
  if (ttl > 0 && !isW(ctx.toks[ttl - 1], "REMOVE")) kind = "alter-drop";
  let k = findAtDepth0(ctx, j, end, ALTER_DESTRUCTIVE);
  while (k >= 0) {
    const t = ctx.toks[k];
    const next = k + 1 < end ? ctx.toks[k + 1] : undefined;
    // MySQL `ALTER TABLE t TRUNCATE PARTITION p` deletes rows.
    if (t.u === "TRUNCATE") return { kind: "truncate", target };
    if (!(next !== undefined && next.type === "word" && ALTER_DROP_HARMLESS.has(next.u))) kind = "alter-drop";
    k = findAtDepth0(ctx, k + 1, end, ALTER_DESTRUCTIVE);
  }
  return kind === "alter-drop" ? { kind, target } : { kind };
}

function classifyMerge(ctx: Statement, i: number, end: number): Op {
  let j = i + 1;
  if (j < end && isW(ctx.toks[j], "INTO")) j++;
  if (j < end && isW(ctx.toks[j], "ONLY")) j++;
  const target = readName(ctx, j, end);
  // MERGE's actions are conditional on the join, so they count as bounded.
  const action = findAtDepth0(ctx, j, end, MERGE_ACTIONS);
  if (action < 0) return { kind: "insert", target };
  return { kind: ctx.toks[action].u === "DELETE" ? "delete" : "update", target };
}

// ---------------------------------------------------------------------------------------------
// Dynamic SQL, shell escapes and read-only sessions
// ---------------------------------------------------------------------------------------------

/** Bodies inside bodies (a DO block whose EXECUTE IMMEDIATE string holds another) past this depth are dynamic. */
const MAX_BODY_DEPTH = 4;

/** Session settings that keep a session from writing, and the values that switch them off. */
const READ_ONLY_SETTINGS = set("DEFAULT_TRANSACTION_READ_ONLY", "TRANSACTION_READ_ONLY", "TX_READ_ONLY", "READ_ONLY", "SUPER_READ_ONLY", "QUERY_ONLY", "SQL_SAFE_UPDATES");
const OFF_VALUES = new Set(["OFF", "FALSE", "0", "NO", "N", "F"]);

/** Functions that run SQL given as text (dblink_exec, query_to_xml): the statement is built at run time. */
const SQL_RUNNING_FUNCTIONS = set("DBLINK_EXEC", "DBLINK", "DBLINK_SEND_QUERY", "QUERY_TO_XML", "QUERY_TO_XMLSCHEMA", "QUERY_TO_XML_AND_XMLSCHEMA", "CURSOR_TO_XML");

/** Words after which a PL/pgSQL body starts a new statement: `BEGIN DROP …`, `THEN DELETE …`, `LOOP EXECUTE …`. */
const BODY_STATEMENT_STARTS = set("BEGIN", "THEN", "ELSE", "LOOP", "DECLARE");

/** The value of a token as a setting value: `off`, `'off'`, `0`, `false`. */
function settingValue(t: Tok | undefined): string {
  if (t === undefined) return "";
  return t.type === "str" ? t.v.trim().toUpperCase() : t.type === "num" ? t.v : t.u;
}

/** `ALTER DATABASE|SCHEMA|TABLE|ACCOUNT … SET DATA_RETENTION_TIME_IN_DAYS = 0`: Snowflake keeps no history of the object from then on. */
function retentionOff(ctx: Statement, i: number, end: number): boolean {
  for (let j = i; j + 2 < end; j++) {
    if (isW(ctx.toks[j], "DATA_RETENTION_TIME_IN_DAYS") && isP(ctx.toks[j + 1], "=") && /^0+$/.test(settingValue(ctx.toks[j + 2]))) return true;
  }
  return false;
}

/** `SET [SESSION|GLOBAL|@@x.] default_transaction_read_only = off`, `PRAGMA query_only = 0`, `… SET read_only TO false`. */
function undoesReadOnly(ctx: Statement, i: number, end: number): boolean {
  const toks = ctx.toks;
  if (readWriteTransaction(ctx, i, end)) return true;
  for (let j = i; j < end; j++) {
    const t = toks[j];
    if (t.type !== "word" || !READ_ONLY_SETTINGS.has(t.u)) continue;
    let k = j + 1;
    if (isP(toks[k], "=") || isW(toks[k], "TO")) k++;
    else if (isP(toks[k], "(")) k++; // PRAGMA query_only(0)
    else continue;
    const value = settingValue(toks[k]);
    // sql_safe_updates is the other way round: 1 restricts, 0 lifts the restriction.
    if (OFF_VALUES.has(value)) return true;
  }
  return false;
}

/** `BEGIN READ WRITE`, `START TRANSACTION READ WRITE`, `SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE`. */
function readWriteTransaction(ctx: Statement, i: number, end: number): boolean {
  for (let j = i; j + 1 < end; j++) if (isW(ctx.toks[j], "READ") && isW(ctx.toks[j + 1], "WRITE")) return true;
  return false;
}

/** Operations of SQL held in a string or body (`EXECUTE IMMEDIATE 'DROP TABLE t'`, `DO $$ … $$`), added to the statement. */
function classifyBody(ctx: Statement, body: string, procedural: boolean): void {
  if (ctx.depth >= MAX_BODY_DEPTH) {
    ctx.inner.push({ kind: "dynamic" });
    return;
  }
  for (const raw of lex(body, DEFAULT_READING).statements) {
    if (raw.toks === null) continue;
    if (!procedural) {
      ctx.inner.push(...classifyStatement(raw.toks, ctx.depth + 1));
      continue;
    }
    // PL/pgSQL: each statement may follow BEGIN, THEN, LOOP… rather than start the raw statement.
    const toks = raw.toks;
    for (let k = 0; k < toks.length; k++) {
      const prev = k > 0 ? toks[k - 1] : undefined;
      if (k > 0 && !(prev!.type === "word" && BODY_STATEMENT_STARTS.has(prev!.u))) continue;
      if (toks[k].type !== "word" || BODY_STATEMENT_STARTS.has(toks[k].u)) continue;
      ctx.inner.push(...classifyStatement(toks.slice(k), ctx.depth + 1));
    }
  }
}

/** `DO [LANGUAGE x] $$ … $$`: the body runs now; any EXECUTE in it builds SQL guard cannot read. */
function classifyDo(ctx: Statement, i: number, end: number): Op {
  let language = "PLPGSQL";
  let body: string | undefined;
  for (let j = i + 1; j < end; j++) {
    const t = ctx.toks[j];
    if (isW(t, "LANGUAGE") && j + 1 < end) language = settingValue(ctx.toks[j + 1]);
    else if (t.type === "str" && body === undefined) body = t.v;
  }
  // A body in another language (plpython, plperl) can do anything the server's user can.
  if (body === undefined || language !== "PLPGSQL") return { kind: "dynamic" };
  classifyBody(ctx, body, true);
  return { kind: "other" };
}

/** `EXECUTE name`, `EXECUTE format(…)`, `EXECUTE IMMEDIATE '…'`, `EXEC sp_executesql …`: SQL built at run time, unless a literal. */
function classifyExecute(ctx: Statement, i: number, end: number): Op {
  let j = i + 1;
  if (isW(ctx.toks[j], "IMMEDIATE")) j++;
  const t = j < end ? ctx.toks[j] : undefined;
  // One string literal and nothing after it but USING/INTO: the SQL is known.
  const alone = j + 1 >= end || isW(ctx.toks[j + 1], "USING") || isW(ctx.toks[j + 1], "INTO");
  if (t !== undefined && t.type === "str" && alone) {
    classifyBody(ctx, t.v, false);
    return { kind: "other" };
  }
  return { kind: "dynamic" };
}

/** PostgreSQL `PREPARE p AS stmt` (the statement, run by a later EXECUTE); MySQL `PREPARE s FROM '…'` or `FROM @sql`. */
function classifyPrepare(ctx: Statement, i: number, end: number): Op {
  const as = findAtDepth0(ctx, i + 1, end, set("AS"));
  if (as >= 0) return classifyRange(ctx, as + 1, end, []);
  const from = findAtDepth0(ctx, i + 1, end, set("FROM"));
  const t = from >= 0 && from + 1 < end ? ctx.toks[from + 1] : undefined;
  if (t !== undefined && t.type === "str" && from + 2 >= end) {
    classifyBody(ctx, t.v, false);
    return { kind: "other" };
  }
  return { kind: "dynamic" };
}

/** `COPY … TO PROGRAM 'cmd'` / `FROM PROGRAM 'cmd'`: the server runs a shell command. */
function classifyCopy(ctx: Statement, i: number, end: number): Op {
  const program = findAtDepth0(ctx, i + 1, end, set("PROGRAM"));
  if (program < 0) {
    // `COPY t TO '/path'`: the server writes (or overwrites) a file of its own; `TO STDOUT` goes to the client, and so does
    // duckdb's `TO '/dev/stdout'` (`/dev/null`, `/dev/fd/N`: a stream, no file is overwritten).
    const to = findAtDepth0(ctx, i + 1, end, set("TO"));
    const target = to >= 0 ? ctx.toks[to + 1] : undefined;
    return target?.type === "str" && !isStreamDevice(target.v) ? { kind: "file-write" } : { kind: "other" };
  }
  const t = program + 1 < end ? ctx.toks[program + 1] : undefined;
  return t !== undefined && t.type === "str" ? { kind: "shell-escape", shell: t.v } : { kind: "shell-escape" };
}

/** Functions with effects beyond the query's result, by the kind of effect (PostgreSQL, MySQL). */
const EFFECT_FUNCTIONS: ReadonlyMap<string, SqlStatementKind> = new Map<string, SqlStatementKind>([
  // The server writes a file of its own choosing path: `lo_export(oid, '/var/www/x.php')`.
  ["LO_EXPORT", "file-write"], ["PG_FILE_WRITE", "file-write"],
  // Ends other sessions' connections, losing their uncommitted work.
  ["PG_TERMINATE_BACKEND", "server-admin"],
  // Deletes a large object: its data is gone.
  ["LO_UNLINK", "drop-other"],
  // Drops a replication slot: the WAL it kept for a standby or a CDC consumer is recycled, so they must be rebuilt.
  ["PG_DROP_REPLICATION_SLOT", "drop-other"], ["PG_REPLICATION_ORIGIN_DROP", "drop-other"],
]);

/**
 * A SELECT that calls a function running SQL text, a function with effects (lo_export,
 * pg_terminate_backend, lo_unlink), `set_config('default_transaction_read_only', 'off', …)`, or
 * writes its rows to a server file (`INTO OUTFILE`/`DUMPFILE`). The strictest effect wins.
 */
function selectFunctions(ctx: Statement, i: number, end: number): SqlStatementKind {
  const toks = ctx.toks;
  let kind: SqlStatementKind = "select";
  const raise = (k: SqlStatementKind) => {
    if (SEVERITY[k] > SEVERITY[kind]) kind = k;
  };
  for (let j = i; j + 1 < end; j++) {
    const t = toks[j];
    if (t.type !== "word") continue;
    if (t.u === "INTO" && (isW(toks[j + 1], "OUTFILE") || isW(toks[j + 1], "DUMPFILE")) && !(toks[j + 2]?.type === "str" && isStreamDevice(toks[j + 2].v))) raise("file-write");
    if (!isP(toks[j + 1], "(")) continue;
    if (SQL_RUNNING_FUNCTIONS.has(t.u)) return "dynamic";
    const effect = EFFECT_FUNCTIONS.get(t.u);
    if (effect !== undefined) raise(effect);
    if (t.u === "SET_CONFIG") {
      const name = toks[j + 2];
      const value = toks[j + 4];
      if (name?.type === "str" && READ_ONLY_SETTINGS.has(name.v.toUpperCase()) && OFF_VALUES.has(settingValue(value))) raise("read-write");
    }
  }
  return kind;
}

/** Table flavours whose replacement loses nothing beyond the session: `CREATE OR REPLACE TEMP TABLE`. */
const SESSION_TABLE = set("TEMP", "TEMPORARY", "VOLATILE");

/**
 * `CREATE OR REPLACE [flavour…] TABLE|DATABASE|SCHEMA name`: the existing object is dropped with its
 * data before the new one is made (BigQuery, Snowflake, DuckDB, Databricks, MariaDB). Any other CREATE adds.
 */
function classifyCreate(ctx: Statement, i: number, end: number): Op {
  const toks = ctx.toks;
  if (!(isW(toks[i + 1], "OR") && isW(toks[i + 2], "REPLACE"))) return { kind: "create" };
  let session = false;
  for (let j = i + 3; j < end && j < i + 8; j++) {
    const t = toks[j];
    if (t.type !== "word") break;
    if (SESSION_TABLE.has(t.u)) session = true;
    const kind: SqlStatementKind | undefined = t.u === "TABLE" ? "replace-table" : t.u === "DATABASE" ? "drop-database" : t.u === "SCHEMA" ? "drop-schema" : undefined;
    if (kind === undefined) continue;
    if (session) return { kind: "create" };
    return { kind, target: readName(ctx, skipWords(ctx, j + 1, end, IF_NOT_EXISTS), end) };
  }
  return { kind: "create" };
}

/** Identifier columns: `id`, `users.id`, `user_id` on table users, `rowid`. Never NULL and, counted from 1, never below it. */
function isKeyColumn(ctx: Statement, s: number, e: number, table: string | undefined): boolean {
  const last = ctx.toks[e - 1];
  if (last === undefined || (last.type !== "word" && last.type !== "ident")) return false;
  for (let j = s; j < e - 1; j++) if (!(ctx.toks[j].type === "word" || ctx.toks[j].type === "ident" || isP(ctx.toks[j], "."))) return false;
  const name = last.v.toLowerCase();
  const base = table?.split(".").pop()?.toLowerCase();
  const singular = base?.replace(/s$/, "");
  return ["id", "uuid", "pk", "rowid", "oid", "_id", "ctid", "_rowid_"].includes(name) || (base !== undefined && (name === `${base}_id` || name === `${singular}_id`));
}

/**
 * Predicates that hold for every row: `id IS NOT NULL` on a key column, `x LIKE '%'`, `1 IN (1, 2)`,
 * `id > 0` / `id >= 1` on a key column, `NULL IS NULL`, `TRUE IS TRUE`.
 */
function isAlwaysTrueShape(ctx: Statement, s: number, e: number, table: string | undefined): boolean {
  const toks = ctx.toks;
  const n = e - s;
  if (n >= 4 && isW(toks[e - 3], "IS") && isW(toks[e - 2], "NOT") && isW(toks[e - 1], "NULL")) return isKeyColumn(ctx, s, e - 3, table);
  if (n === 3 && isW(toks[s + 1], "IS") && ((isW(toks[s], "NULL") && isW(toks[s + 2], "NULL")) || (isW(toks[s], "TRUE") && isW(toks[s + 2], "TRUE")))) return true;
  if (n >= 3 && (isW(toks[e - 2], "LIKE") || isW(toks[e - 2], "ILIKE")) && toks[e - 1].type === "str" && /^%+$/.test(toks[e - 1].v)) return true;
  if (n >= 4 && isW(toks[s + 1], "IN") && isLiteral(toks[s]) && isP(toks[s + 2], "(")) {
    for (let j = s + 3; j < e - 1; j++) if (isLiteral(toks[j]) && sameToken(toks[s], toks[j])) return true;
  }
  // `id > 0`, `id >= 0`, `id >= 1`, `id <> 0`, `id != -1`: every row of a table keyed from 1.
  let k = s;
  while (k < e && !isComparisonChar(toks[k])) k++;
  if (k > s && k < e && isKeyColumn(ctx, s, k, table)) {
    let op = "";
    let v = k;
    while (v < e && isComparisonChar(toks[v]) && op.length < 2) op += toks[v++].v;
    let sign = 1;
    if (isP(toks[v], "-")) {
      sign = -1;
      v++;
    }
    if (v === e - 1 && toks[v].type === "num") {
      const value = sign * numberValue(toks[v]);
      if ((op === ">" && value <= 0) || (op === ">=" && value <= 1) || ((op === "<>" || op === "!=") && value <= 0)) return true;
    }
  }
  return k > s && k < e && createdBeforeNow(ctx, s, k, e);
}

/** Columns that record when a row was made: every existing row was made before now. */
const CREATED_COLUMN = /^(?:created|inserted|added)(?:_?(?:at|on|date|time))?$/i;
/** The current time, bare (no interval arithmetic): `now()`, `CURRENT_TIMESTAMP`, `datetime('now')`, `GETDATE()`. */
const NOW = /^(?:NOW\(\)|CURRENT_TIMESTAMP(?:\(\))?|LOCALTIMESTAMP|CURRENT_DATE|SYSDATE|SYSDATETIME\(\)|GETDATE\(\)|DATETIME\('NOW'\)|UNIX_TIMESTAMP\(\))$/;

/** `created_at < now()`, `created_at <= CURRENT_TIMESTAMP`: a WHERE that every existing row satisfies (`expires_at < now()` is a real filter). */
function createdBeforeNow(ctx: Statement, s: number, k: number, e: number): boolean {
  const toks = ctx.toks;
  const column = toks[k - 1];
  if (column.type !== "word" && column.type !== "ident") return false;
  for (let j = s; j < k - 1; j++) if (!(toks[j].type === "word" || toks[j].type === "ident" || isP(toks[j], "."))) return false;
  if (!CREATED_COLUMN.test(column.v)) return false;
  let op = "";
  let v = k;
  while (v < e && isComparisonChar(toks[v]) && op.length < 2) op += toks[v++].v;
  if (op !== "<" && op !== "<=") return false;
  if (e - v > 6) return false;
  const rest = toks.slice(v, e).map((t) => (t.type === "str" ? `'${t.v.toUpperCase()}'` : t.v.toUpperCase())).join("");
  return NOW.test(rest);
}

function classifyCommand(ctx: Statement, i: number, end: number): Op {
  switch (ctx.toks[i].u) {
    case "SELECT":
    case "VALUES":
    case "TABLE":
    case "CALL":
    case "PERFORM":
      return { kind: selectFunctions(ctx, i, end) };
    case "INSERT":
    case "REPLACE":
      return { kind: "insert" };
    case "CREATE":
      return classifyCreate(ctx, i, end);
    case "KILL":
    case "SHUTDOWN":
      // MySQL: KILL ends another session (losing its uncommitted work); SHUTDOWN stops the server.
      return { kind: "server-admin" };
    case "GRANT":
      return { kind: "grant" };
    case "REVOKE":
      return { kind: "revoke" };
    case "ALTER":
      return classifyAlter(ctx, i, end);
    case "DROP":
      return classifyDrop(ctx, i, end);
    case "TRUNCATE":
      return classifyTruncate(ctx, i, end);
    case "DELETE":
      return classifyDelete(ctx, i, end);
    case "UPDATE":
      return classifyUpdate(ctx, i, end);
    case "MERGE":
      return classifyMerge(ctx, i, end);
    case "DO":
      return classifyDo(ctx, i, end);
    case "EXECUTE":
    case "EXEC":
      return classifyExecute(ctx, i, end);
    case "PREPARE":
      return classifyPrepare(ctx, i, end);
    case "COPY":
      return classifyCopy(ctx, i, end);
    case "SET":
    case "PRAGMA":
      if (undoesReadOnly(ctx, i + 1, end)) return { kind: "read-write" };
      // MySQL `SET GLOBAL x = …` / `SET PERSIST`: the setting changes for every session, not this one.
      return { kind: ctx.toks[i].u === "SET" && (isW(ctx.toks[i + 1], "GLOBAL") || isW(ctx.toks[i + 1], "PERSIST")) ? "server-admin" : "other" };
    case "BEGIN":
    case "START":
      return { kind: readWriteTransaction(ctx, i + 1, end) ? "read-write" : "other" };
    case "RESET":
      return classifyReset(ctx, i);
    case "PURGE":
      // MySQL `PURGE BINARY|MASTER LOGS …` deletes binary logs: point-in-time recovery and replicas that still need them lose them.
      return isW(ctx.toks[i + 2], "LOGS") && (isW(ctx.toks[i + 1], "BINARY") || isW(ctx.toks[i + 1], "MASTER")) ? { kind: "drop-other", target: "binary logs" } : { kind: "other" };
    case "DETACH":
      // ClickHouse `DETACH TABLE|VIEW|DICTIONARY x`, or any DETACH … PERMANENTLY: the object is gone for every client
      // until someone runs ATTACH; the files stay on disk, so it counts as a DROP of an object. SQLite's
      // `DETACH [DATABASE] aux` only closes a file this session attached.
      if (DETACHED_OBJECTS.has(ctx.toks[i + 1]?.u ?? "") || findAtDepth0(ctx, i + 1, end, PERMANENTLY) >= 0)
        return { kind: "drop-other", target: readName(ctx, skipWords(ctx, i + 2, end, IF_EXISTS), end) };
      return { kind: "other" };
    case "REMOVE":
    case "RM":
      // Snowflake: REMOVE @stage/path deletes staged files.
      return isP(ctx.toks[i + 1], "@") && i + 1 < end ? { kind: "drop-other", target: readName(ctx, i + 2, end) } : { kind: "other" };
    default:
      return { kind: "other" };
  }
}

/**
 * MySQL `RESET MASTER` / `RESET BINARY LOGS AND GTIDS` deletes every binary log; `RESET SLAVE|REPLICA [ALL]` forgets
 * the replication position (and with ALL, the source); `RESET PERSIST` drops persisted server settings. PostgreSQL's
 * `RESET name` only resets a session setting.
 */
function classifyReset(ctx: Statement, i: number): Op {
  const next = ctx.toks[i + 1];
  if (isW(next, "MASTER") || (isW(next, "BINARY") && isW(ctx.toks[i + 2], "LOGS"))) return { kind: "drop-other", target: "binary logs" };
  if (isW(next, "SLAVE") || isW(next, "REPLICA") || isW(next, "PERSIST")) return { kind: "server-admin" };
  return { kind: "other" };
}

/**
 * Skips `[RECURSIVE] name [(cols)] AS [NOT] [MATERIALIZED] (body) [SEARCH ...] [CYCLE ...] [, ...]`,
 * queueing each body for classification. Returns the index of the main statement.
 */
function skipWith(ctx: Statement, i: number, end: number, work: number[]): number {
  const toks = ctx.toks;
  if (i < end && isW(toks[i], "RECURSIVE")) i++;
  while (i < end) {
    if (toks[i].type !== "word" && toks[i].type !== "ident") return i;
    i++;
    if (i < end && isP(toks[i], "(")) i = afterGroup(ctx, i, end);
    if (i < end && isW(toks[i], "AS")) i++;
    if (i < end && isW(toks[i], "NOT")) i++;
    if (i < end && isW(toks[i], "MATERIALIZED")) i++;
    if (!(i < end && isP(toks[i], "("))) return i;
    const close = ctx.match[i];
    const bodyEnd = close >= 0 && close < end ? close : end;
    work.push(i + 1, bodyEnd);
    i = bodyEnd < end ? bodyEnd + 1 : end;
    while (i < end && (isW(toks[i], "SEARCH") || isW(toks[i], "CYCLE"))) {
      // SEARCH ... SET col / CYCLE ... [SET col ...] USING col
      const stop = findAtDepth0(ctx, i + 1, end, toks[i].u === "SEARCH" ? SEARCH_END : CYCLE_END);
      i = stop < 0 ? end : Math.min(end, stop + 2);
    }
    if (i < end && isP(toks[i], ",")) {
      i++;
      continue;
    }
    return i;
  }
  return i;
}

/** EXPLAIN options; the statement only runs with ANALYZE (PostgreSQL and MySQL). */
function explainOptions(ctx: Statement, i: number, end: number): { analyze: boolean; next: number } {
  const toks = ctx.toks;
  let analyze = false;
  if (i < end && isP(toks[i], "(")) {
    const close = afterGroup(ctx, i, end);
    for (let j = i + 1; j < close; j++) {
      if (isW(toks[j], "ANALYZE") || isW(toks[j], "ANALYSE")) {
        const v = j + 1 < close ? toks[j + 1] : undefined;
        analyze = !(isW(v, "FALSE") || isW(v, "OFF") || (v !== undefined && v.type === "num" && numberValue(v) === 0));
      }
    }
    i = close;
  }
  while (i < end) {
    const t = toks[i];
    if (isW(t, "ANALYZE") || isW(t, "ANALYSE")) {
      analyze = true;
      i++;
    } else if (t.type === "word" && EXPLAIN_FLAGS.has(t.u)) {
      i++;
    } else if (isW(t, "FORMAT")) {
      i++;
      if (i < end && isP(toks[i], "=")) i++;
      if (i < end) i++;
    } else {
      break;
    }
  }
  return { analyze, next: i };
}

/** Classifies toks[start, end); CTE bodies are pushed onto `work` instead of recursing, so nesting cannot overflow the stack. */
function classifyRange(ctx: Statement, start: number, end: number, work: number[]): Op {
  let i = start;
  while (i < end) {
    while (i < end && isP(ctx.toks[i], "(")) i++;
    if (i >= end) break;
    const t = ctx.toks[i];
    if (t.type !== "word") break;
    if (t.u === "WITH") {
      i = skipWith(ctx, i + 1, end, work);
      continue;
    }
    if (t.u === "EXPLAIN" || t.u === "DESCRIBE" || t.u === "DESC") {
      const opts = explainOptions(ctx, i + 1, end);
      if (!opts.analyze) return { kind: "select" };
      i = opts.next;
      continue;
    }
    return classifyCommand(ctx, i, end);
  }
  return { kind: "other" };
}

/** All operations of one statement, strictest first; just the main one when nothing in it modifies anything. */
function classifyStatement(toks: Tok[], depth = 0): Op[] {
  const ctx: Statement = { toks, match: matchParens(toks), inner: [], depth };
  const ops: Op[] = [];
  const work: number[] = [0, toks.length];
  while (work.length > 0) {
    const end = work.pop()!;
    const start = work.pop()!;
    ops.push(classifyRange(ctx, start, end, work));
  }
  ops.push(...ctx.inner);
  const significant = ops.filter((op) => SEVERITY[op.kind] > 0);
  if (significant.length === 0) return [ops[0]];
  significant.sort((a, b) => SEVERITY[b.kind] - SEVERITY[a.kind]);
  const seen = new Set<string>();
  return significant.filter((op) => {
    const key = `${op.kind}\u0000${op.target ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface Found {
  statement: SqlStatement;
  client: boolean;
}

function toStatements(src: string, raws: RawStatement[]): Found[] {
  const found: Found[] = [];
  for (const raw of raws) {
    const text = src.slice(raw.start, raw.end).trimEnd();
    const end = raw.start + text.length;
    if (raw.toks === null) {
      const command = classifyClientCommand(text);
      const statement: SqlStatement = { kind: command.kind, text, start: raw.start, end };
      if (command.shell !== undefined) statement.shell = command.shell;
      if (command.include !== undefined) statement.include = command.include;
      found.push({ statement, client: true });
      continue;
    }
    for (const op of classifyStatement(raw.toks)) {
      const statement: SqlStatement = { kind: op.kind, text, start: raw.start, end };
      if (op.target !== undefined) statement.target = op.target;
      if (op.shell !== undefined) statement.shell = op.shell;
      found.push({ statement, client: false });
    }
  }
  return found;
}

/** Length in UTF-16 units of the longest prefix of `s` whose UTF-8 encoding fits in `maxBytes`. */
function utf8PrefixLength(s: string, maxBytes: number): number {
  let bytes = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let size = 3;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        size = 4;
        units = 2;
      }
    }
    if (bytes + size > maxBytes) return i;
    bytes += size;
    i += units - 1;
  }
  return n;
}

const statementKey = (s: SqlStatement): string => `${s.start}\u0000${s.kind}\u0000${s.target ?? ""}`;

/**
 * Splits SQL into statements and classifies each. One source statement may yield several entries
 * (same text/start/end) when data-modifying CTEs hide further operations; strictest first.
 *
 * The caller does not say which server the SQL is for, and `\'`, `#` and `--x` mean different things
 * in MySQL and PostgreSQL. When the input contains them it is also read the MySQL way and the
 * PostgreSQL way. The first reading that lexes cleanly (default rules first) is the base; any
 * modifying statement or client command that only another reading reveals is added, so
 * `UPDATE t SET n='O\'Brien'; DELETE FROM t` cannot hide the DELETE. A reading that ends inside an
 * unterminated quote while another lexes cleanly is a misreading (that server would reject the
 * statement), so its final statement is ignored. Entries are in source order; entries from other
 * readings may overlap base ones.
 */
export function analyzeSql(text: string): SqlAnalysis {
  if (typeof text !== "string") return { statements: [], truncated: false };
  const cut = utf8PrefixLength(text, MAX_SQL_BYTES);
  const truncated = cut < text.length;
  const src = truncated ? text.slice(0, cut) : text;

  const readings: Reading[] = [DEFAULT_READING];
  const hasHash = src.includes("#");
  if (hasHash || src.includes("\\") || src.includes("--")) readings.push(MYSQL_READING);
  if (hasHash) readings.push(POSTGRES_READING);
  const lexed = readings.map((reading) => lex(src, reading));
  if (lexed.length === 1) return { statements: toStatements(src, lexed[0].statements).map((f) => f.statement), truncated };

  const cleanIndex = lexed.findIndex((l) => !l.unterminatedQuote);
  const baseIndex = cleanIndex < 0 ? 0 : cleanIndex;
  const statements = toStatements(src, lexed[baseIndex].statements).map((f) => f.statement);
  const seen = new Set(statements.map(statementKey));
  let added = false;
  for (let r = 0; r < lexed.length; r++) {
    if (r === baseIndex) continue;
    let raws = lexed[r].statements;
    if (cleanIndex >= 0 && lexed[r].unterminatedQuote) raws = raws.slice(0, -1);
    for (const f of toStatements(src, raws)) {
      if (!f.client && SEVERITY[f.statement.kind] === 0) continue;
      const key = statementKey(f.statement);
      if (seen.has(key)) continue;
      seen.add(key);
      statements.push(f.statement);
      added = true;
    }
  }
  if (added) statements.sort((a, b) => a.start - b.start);
  return { statements, truncated };
}
