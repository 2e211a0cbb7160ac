// An invocation that only asks a program for its help or version text (`rm --help`, `kubectl delete --help`): read-only, so the program's own rules do not apply to it.
import { globMatch } from "../core/glob";
import type { Invocation, Word } from "../shell/model";
import { shapesOf, type Rule } from "./types";

/** A word that can be a subcommand (`delete`, `apps:destroy`, `delete-db-instance`): no path, no value, no option. */
const SUBCOMMAND_WORD = /^[a-z][a-z0-9_:-]*$/i;

const literal = (w: Word) => !w.dynamic && w.unseen === undefined;

/**
 * Whether the invocation is `PROGRAM --help|--version` or `PROGRAM SUBCOMMAND… --help`, and nothing else. Only the two long
 * spellings count (`shutdown -h` halts, `-V` is verbose for some programs), only as the last word, and `--help` only after
 * a subcommand path the program's rules name: a word that is not one may be an operand, and a program that stops reading
 * options at the first operand (BSD `rm src --help`) would act on it and take `--help` for another operand. `--version`
 * after a subcommand is left to the rules: not every tool reads it there.
 */
export function onlyAsksForHelp(invocation: Invocation, rules: readonly Rule[]): boolean {
  const words = invocation.argv.slice(1);
  const last = words.at(-1);
  if (!last || !literal(last) || (last.value !== "--help" && last.value !== "--version")) return false;
  const path = words.slice(0, -1);
  if (path.length === 0) return true;
  if (last.value !== "--help" || !path.every((w) => literal(w) && SUBCOMMAND_WORD.test(w.value))) return false;
  return rules.some((rule) =>
    shapesOf(rule).some((m) =>
      m.programs.includes(invocation.program) && m.subcommand.length >= path.length
      && path.every((w, i) => m.subcommand[i].some((alt) => (alt.includes("*") ? globMatch(w.value, alt) : alt === w.value)))));
}
