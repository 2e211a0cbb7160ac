// What literal text reaches a command's standard input, when guard can know it without running anything.
import type { Invocation, StdinSource } from "./model";

const PRINTERS = new Set(["echo", "printf"]);

/** Reads a file named in the command, when the caller can (the evaluation context's bounded reader). */
export type FileReader = (path: string) => string | undefined;

/** Literal text a producer writes to a pipe (`echo 'rm -rf ~' | bash`, `cat body.json | curl -d @-`), or undefined when unknowable. */
export function producedText(producer: Invocation | undefined, readFile?: FileReader): string | undefined {
  if (!producer) return undefined;
  const args = producer.argv.slice(1);
  if (args.some((w) => w.dynamic)) return undefined;
  if (PRINTERS.has(producer.program)) {
    let values = args.map((w) => w.value);
    if (producer.program === "echo") while (values[0] && /^-[neE]+$/.test(values[0])) values = values.slice(1);
    // Both may expand `\n`, `\t`, `\0`: expanding them here only adds separators, so it can only
    // add commands or arguments to check, never hide one.
    return values.join(" ").replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\0+/g, "\0");
  }
  if (producer.program === "cat" && args.length === 0 && producer.stdin) return literalStdin(producer.stdin, readFile);
  if (producer.program === "cat" && args.length > 0 && readFile && args.every((w) => !w.value.startsWith("-"))) {
    const texts = args.map((w) => readFile(w.value));
    return texts.every((t): t is string => t !== undefined) ? texts.join("") : undefined;
  }
  return undefined;
}

/** The text of a heredoc, a literal here-string, a literal pipe or (with a reader) a redirected file. */
export function literalStdin(stdin: StdinSource, readFile?: FileReader): string | undefined {
  switch (stdin.kind) {
    case "heredoc":
      return stdin.text;
    case "herestring":
      return stdin.word.dynamic ? undefined : stdin.word.value;
    case "pipe":
      return producedText(stdin.producer, readFile);
    case "file":
      return stdin.path.dynamic || !readFile ? undefined : readFile(stdin.path.value);
    default: {
      const unreachable: never = stdin;
      return unreachable;
    }
  }
}
