// Turns `guard check` arguments into the command text to evaluate: one argument is shell, several are argv.
import { quote } from "shell-quote";

/**
 * A single argument is a shell command string, checked as written. Several arguments are an argv;
 * quoting them gives shell text that parses back to exactly that argv, so one evaluator serves both.
 */
export function commandText(args: string[]): string {
  return args.length === 1 ? args[0] : quote(args);
}
