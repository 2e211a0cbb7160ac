// Variants of a command that run the same thing another way: guard's verdict on each must be at least as strict.
import { quote } from "shell-quote";
import { evaluate } from "../engine/evaluate";
import type { EvalContext } from "../core/eval-context";
import type { Ruleset } from "../rules/ruleset";
import { actionRank, type Action } from "../core/action";

export interface Variant {
  name: string;
  command: string;
}

/** Builtins that change the shell's own state for the commands after them. */
const STATEFUL_BUILTINS = new Set(["set", "shopt", "export", "declare", "typeset", "local", "readonly", "alias", "cd", "pushd", "popd", "source", ".", "trap", "shift", "unset", "eval", "enable", "hash"]);

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "select", "time", "coproc", "!", "{", "}", "[[", "]]"]);

/** How the command starts: a command name, an assignment (`FOO=1 cmd`), or something compound (`(`, `if`, `f()`). */
function start(command: string): { kind: "name"; word: string; rest: string } | { kind: "assignment" } | { kind: "compound" } {
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(command)) return { kind: "assignment" };
  const m = /^([A-Za-z0-9_.+/-]+)(\s[\s\S]*)?$/.exec(command);
  if (!m || RESERVED.has(m[1]) || /^\s*\(/.test(m[2] ?? "")) return { kind: "compound" };
  return { kind: "name", word: m[1], rest: m[2] ?? "" };
}

/**
 * The published ways around command guards (see peers.md): wrappers, prefixes, quoting, nesting and
 * control flow. Only variants that run the same thing are generated: `command FOO=1 rm` would run a
 * program called `FOO=1`, and `sudo (…)` is not valid shell. Multi-line forms end the original with a
 * newline so heredocs and comments stay valid.
 */
/** Builtins whose meaning exists only inside bash (or whose external namesake does something else). */
const SHELL_ONLY_BUILTINS = new Set(["let", "read", "test", "[", "[[", "declare", "typeset", "local", "export", "printf", "mapfile", "readarray", "trap", "eval", "source", ".", "set", "shopt", "alias", "unset", "cd", "pushd", "popd", "complete", "bind"]);

/** A runtime given a script of the project (`python3 scripts/x.py`, `python3 -m scripts.x`, `node x.js`, `deno run x.ts`): the file is read from here. */
const LOCAL_SCRIPT = /(?:^|[\s;&|(])(?:python[0-9.]*|node|nodejs|deno|tsx|ts-node|uv|ruby|perl|php)\s+(?:(?:-\S+|run)\s+)*(?:[\w./-]+\.(?:py|[cm]?[jt]sx?|rb|pl|php)|-m\s+[\w.]+)(?:\s|$)/;

export function variantsOf(command: string): Variant[] {
  const q = quote([command]);
  const first = start(command);
  const out: Variant[] = [
    { name: "bash -c", command: `bash -c ${q}` },
    { name: "sh -lc", command: `sh -lc ${q}` },
    { name: "zsh -lc", command: `zsh -lc ${q}` },
    { name: "eval", command: `eval ${q}` },
    { name: "subshell", command: `(\n${command}\n)` },
    { name: "group", command: `{\n${command}\n}` },
    { name: "true &&", command: `true && ${command}` },
    { name: "false ||", command: `false || ${command}` },
    { name: "if", command: `if true; then\n${command}\nfi` },
    { name: "for", command: `for _ in 1; do\n${command}\ndone` },
    { name: "function", command: `f() {\n${command}\n}\nf` },
    { name: "pipe into sh", command: `echo ${q} | sh` },
    { name: "xargs", command: `xargs sh -c ${q} < /dev/null` },
    // Code bash runs from other places than the command line (issue 12).
    { name: "trap", command: `trap ${q} EXIT` },
    { name: "arithmetic subscript", command: `guard_variant_[$(\n${command}\n)]=1` },
    // (Not before `cd -` or `popd`: after `cd .` they name this directory, which is a different command.)
    ...(/(?:^|[\s;&|(])(?:cd\s+-(?:\s|$)|popd)/.test(command) ? [] : [{ name: "cd before", command: `cd . && ${command}` }]),
    { name: "printf | bash", command: `printf '%s\\n' ${q} | bash` },
  ];
  // A command that changes directory, or runs a local Makefile, package script or script file (or sources one), means
  // something else on another machine (which starts in its own home) or in a container; and a cd run by
  // sudo/env/timeout is a program that changes nothing here.
  const changesDir = /(?:^|[;&|({]\s*|\s(?:then|do|else)\s+)(?:cd|pushd|popd)(?:\s|$)/.test(command);
  const readsLocalFiles = /(?:^|[\s;&|(])(?:make|npm|yarn|pnpm|bun|just|\.{0,2}\/[\w./-]+)(?:\s|$)/.test(command) || LOCAL_SCRIPT.test(command)
    || /(?:^|[\s;&|(])(?:source|\.)\s+[\w./-]/.test(command);
  if (!changesDir && !readsLocalFiles) out.push({ name: "ssh", command: `ssh host ${q}` }, { name: "docker exec", command: `docker exec app sh -c ${q}` });
  // `X=rm; $X -rf ~`, `set -- *; rm -rf "$@"`: a wrapper before a command that sets shell state would
  // run it as a program, and the rest of the list would no longer see that state.
  const sharesState = first.kind === "assignment" || (first.kind === "name" && STATEFUL_BUILTINS.has(first.word));
  const listAfterAssignment = sharesState && /[;\n&|]/.test(command);
  const startsWithCd = first.kind === "name" && ["cd", "pushd", "popd"].includes(first.word);
  if (first.kind !== "compound" && !listAfterAssignment && !startsWithCd) {
    // Wrappers that accept NAME=value before the command.
    out.push({ name: "sudo", command: `sudo ${command}` }, { name: "sudo -u", command: `sudo -u deploy ${command}` },
      { name: "env", command: `env A=1 ${command}` }, { name: "assignment prefix", command: `A=1 ${command}` }, { name: "time", command: `time ${command}` });
  }
  if (first.kind === "name") {
    if (!listAfterAssignment) {
      out.push({ name: "command", command: `command ${command}` });
      if (!startsWithCd) out.push({ name: "timeout", command: `timeout 5 ${command}` }, { name: "nohup", command: `nohup ${command}` });
      if (!first.word.includes("/") && !startsWithCd) out.push({ name: "absolute path", command: `/usr/bin/${command}` });
    }
    out.push({ name: "backslash", command: `\\${command}` });
    // A program guard has never heard of that runs its arguments: the generic fallback must still see the command.
    // (Not for shell builtins: a program runs the external `test` or nothing, never bash's `let` or `read`.)
    if (!listAfterAssignment && !startsWithCd && !SHELL_ONLY_BUILTINS.has(first.word)) out.push({ name: "unknown wrapper", command: `mytool run ${command}` });
    if (first.word.length > 1 && /^[A-Za-z]/.test(first.word)) out.push({ name: "quote splitting", command: `${first.word[0]}''${first.word.slice(1)}${first.rest}` });
    if (/^[A-Za-z][A-Za-z0-9_.-]*$/.test(first.word)) out.push({ name: "brace", command: `{${first.word},}${first.rest}` });
    if (first.rest.startsWith(" ")) out.push({ name: "line continuation", command: `${first.word} \\\n${first.rest}` });
  }
  return out;
}

export interface VariantFailure {
  command: string;
  variant: string;
  variantCommand: string;
  original: Action;
  got: Action;
}

/** Every variant of every command whose verdict is weaker than the command's own. */
export function weakerVariants(commands: string[], ruleset: Ruleset, ctx: EvalContext): VariantFailure[] {
  const failures: VariantFailure[] = [];
  for (const command of commands) {
    const original = evaluate(command, ruleset, ctx).decision;
    if (original === "allow") continue;
    for (const variant of variantsOf(command)) {
      const got = evaluate(variant.command, ruleset, ctx).decision;
      if (actionRank(got) < actionRank(original)) failures.push({ command, variant: variant.name, variantCommand: variant.command, original, got });
    }
  }
  return failures;
}
