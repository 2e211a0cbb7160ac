// `guard exec`: check a command, then run it, ask a human, or refuse (exit 77).
import { basename } from "node:path";
import { quote } from "shell-quote";
import { act } from "./act";
import { CliError } from "./errors";
import { commandText } from "./command-text";

export async function execCommand(args: string[], flags: { shell: string }) {
  if (args.length === 0) throw new CliError("give a command to run, e.g. guard exec -- 'npm test'");
  const text = commandText(args);
  // One string runs through the shell it was checked for; an argv runs directly, with no shell.
  const [file, argv] = args.length === 1 ? [flags.shell, ["-c", text]] : [args[0], args.slice(1)];
  // A string run by another shell (`--shell dash`, GUARD_SHELL=zsh) is checked as that shell's `-c` string:
  // dash's reading of `((…))`, and a shell guard cannot parse (fish, pwsh) asks.
  const checked = args.length === 1 && basename(flags.shell) !== "bash" ? quote([basename(flags.shell), "-c", text]) : text;
  process.exitCode = await act({ entry: "exec", text: checked, file, args: argv, cwd: process.cwd(), argvForm: args.length > 1 });
}
