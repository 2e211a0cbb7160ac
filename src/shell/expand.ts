// Word expansion the way bash does it, as far as guard can know it: braces, known variables, splitting, globs, defaults.
import { parseShell, type ParsedScript, type ShWord, type WordPart } from "./parse";
import { printerOutput } from "./stdin";
import { applyOperation, operandPattern } from "./param-ops";

/** One field a word expands to. `glob`: it still undergoes pathname expansion (`*`, or a glob from a variable). */
export interface Field {
  value: string;
  glob: boolean;
  /** A candidate that is itself only known at run time, kept as its text (`${X:-$HOME}` → `$HOME`). */
  dynamic?: boolean;
}

/** What guard knows about the variables a word can use. */
export interface ExpandScope {
  /** Scalars assigned a literal once (null: assigned more than once, or not literally). */
  vars?: ReadonlyMap<string, string | null>;
  /** `$0`, `$1`… of a shell string given literal arguments. */
  params?: ReadonlyMap<string, string>;
  /** Arrays (`a=(…)`) and the positional list after `set --` (key `@`), as fields; null: unknown. */
  lists?: ReadonlyMap<string, Field[] | null>;
  /**
   * Variables the environment gives that guard knows (`HOME`, `PWD`, `TMPDIR`, `USER`). Used where an
   * operator or indirection needs the value (`${HOME%/}`, `${!v}`) and in assignments (`X=$HOME`); a
   * plain `$HOME` in an argument stays as written, for the path rules to read.
   */
  env?: (name: string) => string | undefined;
  /** Expand plain references to `env` variables too (assignment values). */
  plainEnv?: boolean;
  /** Scalars holding a glob pattern bash already expanded to file names (a loop over `~/.ssh/*`): "$f" is that glob. */
  globVars?: ReadonlySet<string>;
}

export interface Expansion {
  /** The fields, when every part of the word is known. */
  fields?: Field[];
  /** When not: values the word may take that guard could compute (`${X:-/}` → `/`; brace alternatives). */
  candidates: Field[];
}

/** Brace expansion and `${X:-w}` alternatives stop here: past it the word is unknown. */
export const MAX_FIELDS = 256;

const GLOB_CHARS = /[*?[]/;
const DEFAULT_IFS = " \t\n";

/** A piece of a word after parameter expansion: quoted text is neither split nor globbed. */
interface Piece {
  text: string;
  quoted: boolean;
  /** From an unquoted expansion: subject to word splitting. */
  split: boolean;
  /** Already a list of fields (`"$@"`, `"${a[@]}"`). */
  list?: Field[];
  /** Text only known at run time (a default's unknown operand), kept as written. */
  dynamic?: boolean;
}

type PartValue = Piece[] | "unknown" | { unknown: true; alternatives: Piece[][] };

// ---- brace expansion ------------------------------------------------------------------------

function braceSequence(body: string): string[] | undefined {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (!m) return undefined;
  const numeric = /\d/.test(m[1]) && /\d/.test(m[2]);
  const from = numeric ? Number(m[1]) : m[1].charCodeAt(0);
  const to = numeric ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const count = Math.floor(Math.abs(to - from) / step) + 1;
  if (count > MAX_FIELDS) return undefined;
  const out: string[] = [];
  for (let i = 0, v = from; i < count; i++, v += from <= to ? step : -step) out.push(numeric ? String(v) : String.fromCharCode(v));
  return out;
}

/** Splits a brace body on its top-level commas. */
function braceAlternatives(body: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === "{") depth++;
    else if (body[i] === "}") depth--;
    else if (body[i] === "," && depth === 0) {
      out.push(body.slice(last, i));
      last = i + 1;
    }
  }
  out.push(body.slice(last));
  return out.length > 1 ? out : braceSequence(body);
}

/** bash's brace expansion of plain text (`/{etc,usr}`, `a{1..3}`, nested); undefined past MAX_FIELDS. */
export function expandBraces(text: string, budget = { left: MAX_FIELDS }): string[] | undefined {
  for (let open = text.indexOf("{"); open >= 0; open = text.indexOf("{", open + 1)) {
    let depth = 0;
    let close = -1;
    for (let i = open; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close < 0) return [text];
    const alternatives = braceAlternatives(text.slice(open + 1, close));
    if (!alternatives) continue; // `{x}` is not a brace expansion: look for a later one
    const out: string[] = [];
    for (const alt of alternatives) {
      const expanded = expandBraces(text.slice(0, open) + alt + text.slice(close + 1), budget);
      if (!expanded) return undefined;
      out.push(...expanded);
      if (out.length > MAX_FIELDS) return undefined;
    }
    budget.left -= out.length;
    return budget.left < 0 ? undefined : out;
  }
  return [text];
}

// ---- parameters -----------------------------------------------------------------------------

function scalar(name: string, scope: ExpandScope, fromEnv = false): string | undefined {
  if (/^[0-9]+$/.test(name)) {
    if (name !== "0" && scope.lists?.has("@")) {
      const list = scope.lists.get("@");
      return list ? list[Number(name) - 1]?.value ?? "" : undefined;
    }
    return scope.params ? scope.params.get(name) ?? "" : undefined;
  }
  if (scope.vars?.has(name)) {
    const value = scope.vars.get(name);
    return typeof value === "string" ? value : undefined;
  }
  return fromEnv ? scope.env?.(name) : undefined;
}

/** The text a part expands to inside a pattern or operand, when known. */
function partText(part: WordPart, scope: ExpandScope): string | undefined {
  const v = partValue(part, scope);
  return Array.isArray(v) && v.every((p) => !p.list && !p.dynamic) ? v.map((p) => p.text).join("") : undefined;
}

/** `$@`, `$*`, `${a[@]}`, `${a[*]}`: the list, when known. */
function listOf(text: string, scope: ExpandScope): Field[] | undefined | "not-a-list" {
  if (text === "$@" || text === "$*" || text === "${@}" || text === "${*}") {
    const list = scope.lists?.get("@");
    if (list) return list;
    if (scope.params) return [...scope.params.entries()].filter(([k]) => k !== "0").sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => ({ value: v, glob: false }));
    return undefined;
  }
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[[@*]\]\}$/.exec(text);
  if (!m) return "not-a-list";
  return scope.lists?.get(m[1]) ?? undefined;
}

function plainName(part: WordPart): string | undefined {
  if (part.type === "SimpleExpansion") return /^\$([0-9]|[A-Za-z_][A-Za-z0-9_]*)$/.exec(part.text)?.[1];
  if (part.type === "ParameterExpansion" && !part.prefix && !part.index && /^(?:[0-9]+|[A-Za-z_][A-Za-z0-9_]*)$/.test(part.parameter)) return part.parameter;
  return undefined;
}

/**
 * The variable an operated or indirect expansion reads: `HOME` in `${HOME%/}`, and in `${!v}` the
 * variable named by v's value. Undefined for anything guard does not follow (arrays, `${!prefix*}`).
 */
function operatedName(part: WordPart, scope: ExpandScope): string | undefined {
  if (part.type === "ParameterExpansion" && part.index && !part.prefix && element(part, scope) !== undefined) return part.parameter;
  if (part.type !== "ParameterExpansion" || part.index || !/^(?:[0-9]+|[A-Za-z_][A-Za-z0-9_]*)$/.test(part.parameter)) return undefined;
  if (part.prefix === "!") {
    const target = scalar(part.parameter, scope, true);
    return target !== undefined && /^(?:[0-9]+|[A-Za-z_][A-Za-z0-9_]*)$/.test(target) ? target : undefined;
  }
  return part.prefix === "#" || !part.prefix ? part.parameter : undefined;
}

/** `${a[0]}`, `${a[-1]}`: an element of an array guard knows, by a literal index. */
function element(part: WordPart, scope: ExpandScope): string | undefined {
  if (part.type !== "ParameterExpansion" || !part.index || part.prefix || !/^-?\d+$/.test(part.index.value ?? "")) return undefined;
  const list = scope.lists?.get(part.parameter);
  if (!list) return undefined;
  const i = Number(part.index.value);
  return list[i < 0 ? list.length + i : i]?.value ?? "";
}

/** The value of a parameter expansion part (unquoted or inside double quotes). */
function parameterValue(part: WordPart, scope: ExpandScope, quoted: boolean): PartValue {
  const list = listOf(part.text, scope);
  if (list !== "not-a-list") {
    if (list === undefined) return "unknown";
    return quoted ? [{ text: "", quoted: true, split: false, list }] : [{ text: list.map((f) => f.value).join(" "), quoted: false, split: true, list }];
  }
  const piece = (text: string): Piece[] => [{ text, quoted, split: !quoted }];
  const name = plainName(part) ?? operatedName(part, scope);
  if (name === undefined) return "unknown";
  const op = part.type === "ParameterExpansion" ? part.operation : undefined;
  const prefix = part.type === "ParameterExpansion" ? part.prefix : undefined;
  const value = element(part, scope) ?? scalar(name, scope, !!op || !!prefix || scope.plainEnv === true);
  if (prefix === "#") return value === undefined || op ? "unknown" : piece(String([...value].length));
  if (!op && value !== undefined && !prefix && scope.globVars?.has(name)) {
    const list = [{ value, glob: true }];
    return quoted ? [{ text: "", quoted: true, split: false, list }] : [{ text: value, quoted: false, split: true, list }];
  }
  if (!op) return value === undefined ? "unknown" : piece(value);
  if (op.type !== "Default") {
    // `${HOME%/}`, `${X:0:99}`, `${X/#a/b}`, `${HOME^^}`: computed like bash when the value is known.
    const result = value === undefined ? undefined : applyOperation(value, op, (w) => operandPattern(w, (p) => partText(p, scope)));
    if (!result) return "unknown";
    if ("value" in result) return piece(result.value);
    return { unknown: true, alternatives: result.alternatives.map((text) => [{ text, quoted: true, split: false }]) };
  }
  const operand = op.operand.value ?? "";
  const colon = op.operator.startsWith(":");
  const kind = op.operator.replace(":", "");
  if (value !== undefined) {
    const unset = colon ? value === "" : false;
    if (kind === "-" || kind === "=") return piece(unset ? operand : value);
    if (kind === "+") return piece(unset ? "" : operand);
    return piece(value); // `?`: the value, or bash stops
  }
  // Unknown: `${X:-/}` may be `/`; `${X:+w}` may be w — itself expanded (`${X:-${Y:-~}}`, `${X:-$HOME}`).
  if (kind === "-" || kind === "=" || kind === "+") return { unknown: true, alternatives: operandAlternatives(op.operand, scope, quoted) };
  return "unknown";
}

/** The values a default's operand may take: its expansion, candidates included, or its text when unknown. */
function operandAlternatives(operand: ShWord, scope: ExpandScope, quoted: boolean): Piece[][] {
  const inner = expandWord(operand, scope, quoted ? "" : DEFAULT_IFS);
  const fields = inner.fields ?? inner.candidates;
  // Unquoted, the result is globbed even when the operand quoted it (`${X:="*"}` assigns `*`, then expands it).
  const alternatives: Piece[][] = fields.map((f) => [{ text: f.value, quoted: quoted || (!f.glob && !GLOB_CHARS.test(f.value)), split: false, ...(f.dynamic ? { dynamic: true } : {}) }]);
  if (!inner.fields) alternatives.push([{ text: operand.text, quoted: true, split: false, dynamic: true }]);
  return alternatives;
}

/**
 * What a script prints when its only command is `echo`/`printf` with literal words (`$(printf /)`,
 * `<(echo 'rm -rf ~')`), NUL bytes dropped as bash drops them; undefined for anything else.
 */
export function printedBy(script: ParsedScript | undefined): string | undefined {
  const statements = script?.commands ?? [];
  if (statements.length !== 1) return undefined;
  const pipeline = statements[0].command;
  const command = pipeline.type === "Pipeline" && pipeline.commands.length === 1 ? pipeline.commands[0] : pipeline;
  if (command.type !== "Command" || !command.name || command.prefix.length || command.redirects.length) return undefined;
  const words = [command.name, ...command.args];
  const literal = (w: (typeof words)[number]) => w.type === "Word" && (w.parts ?? []).every((p) => ["Literal", "SingleQuoted", "AnsiCQuoted"].includes(p.type) || (p.type === "DoubleQuoted" && p.parts.every((c) => c.type === "Literal")));
  if (!words.every(literal)) return undefined;
  const program = (words[0] as ShWord).value.replace(/^.*\//, "");
  if (program !== "echo" && program !== "printf") return undefined;
  return printerOutput(program, words.slice(1).map((w) => (w as ShWord).value))?.replace(/\0/g, "");
}

function substitutionValue(part: WordPart, quoted: boolean): PartValue {
  if (part.type !== "CommandExpansion") return "unknown";
  const output = printedBy(part.script);
  // The substitution's trailing newlines are removed.
  return output === undefined ? "unknown" : [{ text: output.replace(/\n+$/, ""), quoted, split: !quoted }];
}

function partValue(part: WordPart, scope: ExpandScope): PartValue {
  switch (part.type) {
    case "Literal":
      return [{ text: part.value, quoted: false, split: false }];
    case "SingleQuoted":
    case "AnsiCQuoted":
      return [{ text: part.value, quoted: true, split: false }];
    case "Glob":
    case "ExtendedGlob":
      return [{ text: part.text, quoted: false, split: false }];
    case "DoubleQuoted":
    case "LocaleString": {
      // `"${X:-/etc}"`: alternatives inside the quotes stay alternatives of the whole part.
      let alternatives: Piece[][] = [[]];
      let known = true;
      for (const child of part.parts) {
        const v = child.type === "Literal" ? [{ text: child.value, quoted: true, split: false }] : childValue(child, scope);
        if (v === "unknown") return "unknown";
        if (Array.isArray(v)) alternatives = alternatives.map((a) => [...a, ...v]);
        else {
          known = false;
          alternatives = alternatives.flatMap((a) => v.alternatives.map((alt) => [...a, ...alt])).slice(0, MAX_FIELDS);
        }
      }
      return known ? alternatives[0] : { unknown: true, alternatives };
    }
    case "SimpleExpansion":
    case "ParameterExpansion":
      return parameterValue(part, scope, false);
    case "CommandExpansion":
      return substitutionValue(part, false);
    default:
      return "unknown";
  }
}

function childValue(child: WordPart, scope: ExpandScope): PartValue {
  if (child.type === "SimpleExpansion" || child.type === "ParameterExpansion") return parameterValue(child, scope, true);
  if (child.type === "CommandExpansion") return substitutionValue(child, true);
  return "unknown";
}

// ---- splitting and globbing -----------------------------------------------------------------

/** Word splitting of the pieces into fields, and which fields still undergo pathname expansion. */
function fieldsOf(pieces: Piece[], ifs: string): Field[] {
  const fields: Field[] = [];
  let current: Field | undefined;
  const add = (text: string, glob: boolean) => {
    if (!current) current = { value: "", glob: false };
    current.value += text;
    current.glob ||= glob;
  };
  for (const piece of pieces) {
    if (piece.list && piece.quoted) {
      // "$@": each element its own field; the first joins what came before, the last what follows.
      piece.list.forEach((f, i) => {
        if (i > 0 && current) {
          fields.push(current);
          current = undefined;
        }
        add(f.value, f.glob);
      });
      continue;
    }
    if (!piece.split) {
      // An unquoted empty piece (`{rm,}`'s second alternative) makes no field of its own.
      if (piece.text === "" && !piece.quoted && !piece.dynamic) continue;
      add(piece.text, !piece.quoted && GLOB_CHARS.test(piece.text));
      if (piece.quoted && current === undefined) current = { value: "", glob: false };
      if (piece.dynamic) current!.dynamic = true;
      continue;
    }
    const parts = ifs === "" ? [piece.text] : piece.text.split(new RegExp(`[${ifs.replace(/[\]\\^-]/g, "\\$&")}]+`));
    parts.forEach((text, i) => {
      if (i > 0 && current) {
        fields.push(current);
        current = undefined;
      }
      if (text !== "") add(text, GLOB_CHARS.test(text) || (piece.list?.some((f) => f.glob) ?? false));
    });
  }
  if (current) fields.push(current);
  return fields;
}

/** The pieces of a brace-free list of parts, as one known list, or alternatives when a part is unknown. */
function piecesOf(parts: readonly WordPart[], scope: ExpandScope): { known?: Piece[]; alternatives: Piece[][] } {
  let known: Piece[] | undefined = [];
  let alternatives: Piece[][] = [[]];
  for (const part of parts) {
    const v = partValue(part, scope);
    if (v === "unknown") {
      known = undefined;
      alternatives = [];
      continue;
    }
    if (Array.isArray(v)) {
      known?.push(...v);
      alternatives = alternatives.map((a) => [...a, ...v]);
      continue;
    }
    known = undefined;
    alternatives = alternatives.flatMap((a) => v.alternatives.map((alt) => [...a, ...alt])).slice(0, MAX_FIELDS);
  }
  return { known, alternatives };
}

/** The parts of `text` read as one shell word, or undefined when it is not one. */
function partsOfText(text: string): WordPart[] | undefined {
  const parsed = parseShell(`: ${text}`);
  if (!parsed.ok || parsed.script.commands.length !== 1) return undefined;
  const command = parsed.script.commands[0].command;
  const simple = command.type === "Pipeline" && command.commands.length === 1 ? command.commands[0] : command;
  if (simple.type !== "Command" || simple.args.length !== 1 || simple.args[0].type !== "Word") return undefined;
  const word = simple.args[0];
  return word.parts ? [...word.parts] : [{ type: "Literal", value: word.value, text: word.text, pos: 0, end: 0 } as WordPart];
}

/** Brace expansion over a word's parts: a word per alternative, or undefined when guard cannot expand it. */
function braceWords(parts: readonly WordPart[]): WordPart[][] | undefined {
  const at = parts.findIndex((p) => p.type === "BraceExpansion");
  if (at < 0) return [[...parts]];
  const brace = parts[at];
  const alternatives = expandBraces(brace.text);
  if (!alternatives) return undefined;
  const rest = braceWords(parts.slice(at + 1));
  if (!rest) return undefined;
  const out: WordPart[][] = [];
  for (const alt of alternatives) {
    // `{${X:-/},y}`: an alternative with quotes or expansions is read as a word of its own.
    const altParts = /['"$`\\]/.test(alt) ? partsOfText(alt) : [{ type: "Literal", value: alt, text: alt, pos: brace.pos, end: brace.end } as WordPart];
    if (!altParts) return undefined;
    for (const tail of rest) {
      out.push([...parts.slice(0, at), ...altParts, ...tail]);
      if (out.length > MAX_FIELDS) return undefined;
    }
  }
  return out;
}

/**
 * Expands a word as bash would, as far as guard knows the values involved. `ifs` is IFS when known
 * (default space, tab, newline), null when the text assigned it something guard cannot read.
 */
export function expandWord(word: ShWord, scope: ExpandScope, ifs: string | null = DEFAULT_IFS): Expansion {
  const parts = word.parts;
  if (!parts) return { fields: [{ value: word.value, glob: false }], candidates: [] };
  const words = braceWords(parts);
  if (!words) return { candidates: [] };
  const fields: Field[] = [];
  const candidates: Field[] = [];
  let known = true;
  for (const w of words) {
    const { known: pieces, alternatives } = piecesOf(w, scope);
    const splitting = ifs ?? DEFAULT_IFS;
    if (pieces && (ifs !== null || !pieces.some((p) => p.split))) fields.push(...fieldsOf(pieces, splitting));
    else {
      known = false;
      for (const alt of alternatives) candidates.push(...fieldsOf(alt, splitting));
      // `{${HOME},x}`: an alternative guard cannot expand is still a candidate, as its text (`${HOME}`).
      if (words.length > 1 && !alternatives.length) candidates.push({ value: w.map((p) => p.text).join(""), glob: false, dynamic: true });
    }
  }
  return known ? { fields, candidates: [] } : { candidates: [...fields, ...candidates].slice(0, MAX_FIELDS) };
}

/** Whether a word needs expanding beyond quote removal: anything but plain, quoted and `$'…'` text. */
export function needsExpansion(word: ShWord): boolean {
  return (word.parts ?? []).some((p) => !["Literal", "SingleQuoted", "AnsiCQuoted"].includes(p.type) && !(p.type === "DoubleQuoted" && p.parts.every((c) => c.type === "Literal")));
}

/**
 * An assignment's value (`X=$HOME/..`, `X=${Y%/}`, `X=~`): expanded without splitting or globbing,
 * with the tilde prefix bash expands in assignments. Undefined when any part is unknown.
 */
export function assignedValue(word: ShWord, scope: ExpandScope, home?: string): string | undefined {
  const parts = word.parts ?? [{ type: "Literal", value: word.value, text: word.text, pos: 0, end: 0 } as WordPart];
  const { known } = piecesOf(parts, { ...scope, plainEnv: true });
  if (!known || known.some((p) => p.dynamic)) return undefined;
  let value = known.map((p) => (p.list && p.quoted ? p.list.map((f) => f.value).join(" ") : p.text)).join("");
  const first = parts[0];
  if (home !== undefined && first?.type === "Literal" && /^~(?:\/|$)/.test(first.value)) value = home + value.slice(1);
  return value;
}
