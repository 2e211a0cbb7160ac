// Output that reaches another command without a pipe: `cmd > >(sh)`, `tee >(sh)`, `exec 3> >(sh)` then `>&3`, a coprocess, `exec 3< <(…)` then `<&3`.
import type { Invocation, StdinSource } from "./model";
import type { ShWord, SyntaxNode, WordPart } from "./parse";
import { producedText, type FileReader } from "./stdin";
import { generatedCode, soleSubstitution } from "./generated-code";
import type { Span } from "../core/finding";

/**
 * A reader whose input is written by later commands (`exec 3> >(sh)`, `coproc sh`): the commands that write
 * to it, each one's output (undefined: something guard cannot know, such as a program's stderr).
 */
export interface Channel {
  writers: (Invocation | undefined)[];
}

/** What a descriptor of the shell is open on: a channel to a reader, or the output of a `<(…)` (its word). */
export type FdBinding = { kind: "sink"; channel: Channel } | { kind: "source"; raw: string };

/** More writers than this and the text they make together counts as unknown. */
const MAX_WRITERS = 32;

/** Programs that print nothing on their standard output: after `exec > >(sh)` they add nothing to the script. */
const SILENT = new Set(["sleep", "true", "false", ":", "cd", "pushd", "popd", "export", "unset", "set", "shift", "wait", "exit", "return", "exec", "trap", "shopt", "local", "readonly", "hash", "umask", "ulimit"]);

/** Output redirections of standard output (`>`, `>>`, `>|`, `&>`, `&>>`): a `>(…)` target reads what the command prints. */
const STDOUT_OPS = new Set([">", ">>", ">|", "&>", "&>>"]);

/** The scripts of the write-side process substitutions (`>(…)`) in a word. */
export function writeSubstitutions(word: ShWord | undefined): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const part of word?.parts ?? []) {
    const p = part as WordPart & { operator?: string; script?: SyntaxNode };
    if (p.type === "ProcessSubstitution" && p.operator === ">" && p.script) out.push(p.script);
  }
  return out;
}

/** Whether a redirection (operator and fd, if written) sends standard output. */
export function sendsStdout(operator: string, fd: number | undefined): boolean {
  return STDOUT_OPS.has(operator) && (fd === undefined || fd === 1);
}

/**
 * The reader's input: the text the writers guard can read make together, in order; and, when any writer's output
 * is unknown, also an input from that writer (a pipe guard cannot read), so a shell reading it asks while the
 * known part is still checked.
 */
export function channelInputs(channel: Channel, readFile: FileReader | undefined, span: Span): StdinSource[] {
  const texts: string[] = [];
  let unknown: StdinSource | undefined;
  for (const writer of channel.writers.length > MAX_WRITERS ? [undefined] : channel.writers) {
    const text = producedText(writer, readFile);
    if (text === undefined) unknown ??= { kind: "pipe", producer: writer, span };
    else texts.push(text);
  }
  // Not the span of the text itself: positions inside it are clamped to the reader (see shellStdin).
  const known: StdinSource = { kind: "heredoc", text: texts.join(""), quoted: true, span: { start: span.start, end: span.start } };
  return unknown ? [known, unknown] : [known];
}

/** Whether a command adds to a channel that receives the shell's standard output (`exec > >(sh)`): everything but known-silent commands. */
export function printsToStdout(inv: Invocation): boolean {
  return !(inv.program && SILENT.has(inv.program));
}

/** The input a `<&N` from a descriptor opened on `<(X)` gives: X's literal output, or unknown. */
export function sourceStdin(raw: string, span: Span): StdinSource {
  const inner = soleSubstitution(raw);
  const code = inner === undefined ? undefined : generatedCode(inner);
  if (code?.kind === "text") return { kind: "heredoc", text: code.text, quoted: true, span: { start: span.start, end: span.start } };
  if (code?.kind === "setup") return { kind: "heredoc", text: "", quoted: true, span };
  return { kind: "pipe", producer: undefined, span };
}

/**
 * The channel a `>&TARGET` writes to: a descriptor number opened on one, or a coprocess's `${NAME[1]}`. A target
 * only known at run time (`>&$fd`) may be any of them: every channel then counts it as unknown (undefined channel list).
 */
export function targetChannels(target: string, dynamic: boolean, fds: ReadonlyMap<string, FdBinding>): Channel[] | "any" {
  if (!dynamic) {
    const b = fds.get(target);
    return b?.kind === "sink" ? [b.channel] : [];
  }
  const coproc = /^"?\$\{([A-Za-z_][A-Za-z0-9_]*)\[1\]\}"?$/.exec(target);
  // `exec {fd}> >(sh)` puts the descriptor's number in fd: `>&$fd` writes there.
  const named = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(target);
  const b = coproc ? fds.get(`coproc:${coproc[1]}`) : named ? fds.get(`var:${named[1]}`) : undefined;
  if (b?.kind === "sink") return [b.channel];
  return "any";
}

/** The key of a redirection's descriptor: its number, `var:NAME` for `{NAME}>`, else 0 for input and 1 for output. */
export function descriptorKey(descriptor: { type: string; value?: number; name?: string } | undefined, operator: string): string {
  if (descriptor?.type === "FileDescriptor") return String(descriptor.value);
  if (descriptor?.type === "FileDescriptorVariable") return `var:${descriptor.name}`;
  return operator.startsWith("<") ? "0" : "1";
}

/** `> /dev/fd/3`: a file name that is one of the shell's descriptors, as the `>&` target it stands for. */
export function descriptorPath(target: string): string | undefined {
  return /^\/(?:dev|proc\/self)\/fd\/(\d+)$/.exec(target)?.[1];
}

/** Every channel open in the shell. */
export function allChannels(fds: ReadonlyMap<string, FdBinding>): Channel[] {
  return [...new Set([...fds.values()].flatMap((b) => (b.kind === "sink" ? [b.channel] : [])))];
}
