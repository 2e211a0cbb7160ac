// Turns `guard check` arguments into the command text to evaluate: one argument is shell, several are argv, `-` is stdin.
import { readFileSync } from "node:fs";
import { quote } from "shell-quote";
import { CliError } from "./errors";

/**
 * A single argument is a shell command string, checked as written. Several arguments are an argv;
 * quoting them gives shell text that parses back to exactly that argv, so one evaluator serves both.
 */
export function commandText(args: string[]): string {
  return args.length === 1 ? args[0] : quote(args);
}

/** The largest command read from stdin: the same cap the evaluator applies (past it the verdict is ask). */
const MAX_STDIN_COMMAND_BYTES = 4 * 1024 * 1024;

/**
 * The text `guard check` evaluates. `-` alone reads one command from stdin: argv caps a single
 * argument at about 128 KB, and a long heredoc or generated script is longer than that. An empty
 * command is a usage error, not a silent allow of nothing.
 */
export function checkInput(args: string[], readStdin: () => string = () => readFileSync(0, "utf8")): string {
  let text: string;
  if (args.length === 1 && args[0] === "-") {
    text = readStdin();
    if (Buffer.byteLength(text) > MAX_STDIN_COMMAND_BYTES) throw new CliError(`the command on stdin is larger than ${MAX_STDIN_COMMAND_BYTES} bytes`);
    // The trailing newline of `echo … | guard check -` is not part of the command.
    text = text.replace(/\r?\n$/, "");
  } else text = commandText(args);
  if (text.trim() === "") throw new CliError("the command is empty: give a command to check, e.g. guard check 'rm -rf /'");
  return text;
}
