// Turns parser words into model words: quote-removed value plus whether it is literal, dynamic or a glob.
import { globMatch } from "../core/glob";
import type { ShWord, WordPart } from "./parse";
import type { Word } from "./model";
import type { Span } from "../core/finding";
import { canonicalProgram } from "./identity";

export type SpanMapper = (start: number, end: number) => Span;

interface PartFacts {
  dynamic: boolean;
  glob: boolean;
}

/**
 * A word is literal only when every part is plain text, quoted text or `$'…'`. Anything that expands
 * at run time makes it dynamic, so an analyser can never mistake `$X` or `$(echo rm)` for a name.
 */
function partFacts(parts: readonly WordPart[] | undefined): PartFacts {
  const facts: PartFacts = { dynamic: false, glob: false };
  if (!parts) return facts;
  for (const part of parts) {
    switch (part.type) {
      case "Literal":
      case "SingleQuoted":
      case "AnsiCQuoted":
        break;
      case "DoubleQuoted":
      case "LocaleString":
        if (part.parts.some((child) => child.type !== "Literal")) facts.dynamic = true;
        break;
      case "Glob":
      case "ExtendedGlob":
        facts.glob = true;
        break;
      case "SimpleExpansion":
      case "ParameterExpansion":
      case "CommandExpansion":
      case "ArithmeticExpansion":
      case "ProcessSubstitution":
      case "BraceExpansion":
        facts.dynamic = true;
        break;
      default: {
        const unreachable: never = part;
        void unreachable;
        facts.dynamic = true;
      }
    }
  }
  return facts;
}

/** Program names of the commands a substitution's script runs directly (its pipelines and lists). */
function scriptPrograms(node: unknown, out: string[], depth = 0): void {
  if (!node || typeof node !== "object" || depth > 8) return;
  const n = node as { type?: string; name?: { value?: string }; commands?: unknown[]; command?: unknown };
  if (n.type === "Command" && n.name?.value) {
    const slash = n.name.value.lastIndexOf("/");
    out.push(n.name.value.slice(slash + 1));
    return;
  }
  if (Array.isArray(n.commands)) for (const c of n.commands) scriptPrograms(c, out, depth + 1);
  if (n.command) scriptPrograms(n.command, out, depth + 1);
}

/** Programs whose output flows into the word: its own substitutions, and those behind tainted variables it uses. */
function substitutionPrograms(parts: readonly WordPart[], scope: WordScope): string[] {
  const out: string[] = [];
  const visit = (part: WordPart) => {
    if (part.type === "CommandExpansion" && part.script) scriptPrograms(part.script, out);
    const name = parameterName(part);
    const tainted = name === undefined ? undefined : scope.taint?.get(name);
    if (tainted) out.push(...tainted.programs);
  };
  for (const part of parts) {
    visit(part);
    if (part.type === "DoubleQuoted") for (const child of part.parts) visit(child);
  }
  return out;
}

/**
 * Quote-removed text of a word, with each expansion (a part that is not plain or quoted text)
 * replaced by `expand(part)`; undefined as soon as `expand` gives undefined.
 */
function joinParts(parts: readonly WordPart[], expand: (part: WordPart) => string | undefined): string | undefined {
  let out = "";
  const add = (text: string | undefined) => {
    if (text === undefined) return false;
    out += text;
    return true;
  };
  for (const part of parts) {
    switch (part.type) {
      case "Literal":
      case "SingleQuoted":
      case "AnsiCQuoted":
        out += part.value;
        break;
      case "DoubleQuoted":
      case "LocaleString":
        for (const child of part.parts) if (!add(child.type === "Literal" ? child.value : expand(child))) return undefined;
        break;
      default:
        if (!add(expand(part))) return undefined;
    }
  }
  return out;
}

/** Quote-removed text with expansions kept as written: `"rm \"$X\""` → `rm "$X"`. */
function textWithExpansions(parts: readonly WordPart[]): string {
  return joinParts(parts, (part) => part.text) ?? "";
}

/** Where words are read: how to map spans, and the positional parameters known there (`sh -c '…' a b`). */
export interface WordScope {
  map: SpanMapper;
  /** `$0`, `$1`…: known when a shell string was given literal arguments; an absent number is unset (""). */
  params?: ReadonlyMap<string, string>;
  /** Variables assigned a literal earlier in the same text (`Q='mutation {…}'; curl -d "$Q"`); null: assigned more than once. */
  vars?: ReadonlyMap<string, string | null>;
  /** Variables whose value came from command substitutions (`T=$(cat token)`), with the programs that produced it. */
  taint?: ReadonlyMap<string, { programs: string[]; exported: boolean }>;
}

/** `$1`, `${1}`, `"$0"`, `$NAME`, `${NAME}`: a plain parameter reference, or undefined. */
function parameterName(part: WordPart): string | undefined {
  if (part.type === "SimpleExpansion") return /^\$([0-9]|[A-Za-z_][A-Za-z0-9_]*)$/.exec(part.text)?.[1];
  if (part.type === "ParameterExpansion" && !part.prefix && !part.index && !part.operation && /^(?:[0-9]+|[A-Za-z_][A-Za-z0-9_]*)$/.test(part.parameter)) return part.parameter;
  return undefined;
}

/** A parameter's value when guard knows it; undefined when it does not. */
function lookup(name: string, scope: WordScope): string | undefined {
  if (/^[0-9]+$/.test(name)) return scope.params ? scope.params.get(name) ?? "" : undefined;
  return scope.vars?.get(name) ?? undefined;
}

/**
 * Resolves a word whose only expansions are known parameters to a literal value:
 * `sh -c 'rm -rf "$1"' _ /` removes `/`, and guard must see that. Returns undefined otherwise.
 */
function resolveParameters(parts: readonly WordPart[], scope: WordScope): string | undefined {
  return joinParts(parts, (part) => resolvePart(part, scope));
}

function resolvePart(part: WordPart, scope: WordScope): string | undefined {
  const name = parameterName(part);
  return name === undefined ? undefined : lookup(name, scope);
}

export function toWord(word: ShWord, scope: WordScope): Word {
  const facts = partFacts(word.parts);
  const result: Word = {
    value: word.value,
    raw: word.text,
    dynamic: facts.dynamic,
    glob: facts.glob,
    span: scope.map(word.pos, word.end),
  };
  if (facts.dynamic && word.parts) {
    const resolved = scope.params || scope.vars?.size ? resolveParameters(word.parts, scope) : undefined;
    if (resolved !== undefined) return { ...result, value: resolved, dynamic: false };
    result.shellText = textWithExpansions(word.parts);
    const programs = substitutionPrograms(word.parts, scope);
    if (programs.length) result.substitutions = programs;
  }
  return result;
}

/** A synthetic literal word, for argv built from text guard split itself (e.g. `env -S`). */
export function literalWord(value: string, span: Span): Word {
  return { value, raw: value, dynamic: false, glob: false, span };
}

/**
 * A word's text, the one way every stage reads it: the value of a literal word; for a dynamic word, the value with
 * each expansion left as its source text (`"$HOME/x"` → `$HOME/x`), which is what a shell handed the word would parse.
 */
export function wordText(word: Word): string {
  return word.dynamic ? word.shellText ?? word.raw : word.value;
}

/** `\rm`, `"rm"`, `/bin/rm`, `/usr/bin/git` all name the same program as `rm` and `git`. */
export function programName(word: Word): string {
  if (word.dynamic) return "";
  const value = word.value;
  const slash = value.lastIndexOf("/");
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  // `/bin/r[m]`, `/usr/bin/g?t`: a glob in the name itself could run any program it matches.
  if (!word.glob || !/[*?[]/.test(name)) return canonicalProgram(value);
  // …and when it can match guard's launcher (`bin/gu?rd approve X`), it is judged as guard, whose human-only commands are denied.
  return globMatch("guard", name, { nonegate: true, nocomment: true }) ? "guard" : "";
}
