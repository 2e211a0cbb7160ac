// `guard explain`: how guard read a command, each command found and how the decision was reached.
import { checkInput } from "./command-text";
import { openPolicy } from "../engine/policy";
import { CliError } from "./errors";

export async function explain(args: string[], flags: { cwd?: string }) {
  if (args.length === 0) throw new CliError("give a command to explain");
  const { verdict, trustNotices } = openPolicy({ cwd: flags.cwd }).check(checkInput(args));
  const { renderExplanation } = await import("../report/human");
  process.stdout.write(renderExplanation(verdict));
  for (const n of trustNotices) process.stdout.write(`Note: ${n.message}\n`);
}
