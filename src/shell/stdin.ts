// What literal text reaches a command's standard input, when guard can know it without running anything.
import type { Invocation, StdinSource } from "./model";
import { echoOutput, printfOutput } from "./printf";

const PRINTERS = new Set(["echo", "printf"]);

/** Reads a file named in the command, when the caller can (the evaluation context's bounded reader). */
export type FileReader = (path: string) => string | undefined;

/** Literal text a producer writes to a pipe (`echo 'rm -rf ~' | bash`, `cat body.json | curl -d @-`), or undefined when unknowable. */
export function producedText(producer: Invocation | undefined, readFile?: FileReader): string | undefined {
  if (!producer) return undefined;
  const args = producer.argv.slice(1);
  // `echo * | xargs rm -rf`: the shell expands an unquoted glob before echo prints it, so the text is unknown, not `*`.
  if (args.some((w) => w.dynamic || w.glob)) return undefined;
  if (PRINTERS.has(producer.program)) return printerOutput(producer.program, args.map((w) => w.value));
  if (producer.program === "cat" && args.length === 0 && producer.stdin) return literalStdin(producer.stdin, readFile);
  if (producer.program === "cat" && args.length > 0 && readFile && args.every((w) => !w.value.startsWith("-"))) {
    const texts = args.map((w) => readFile(w.value));
    return texts.every((t): t is string => t !== undefined) ? texts.join("") : undefined;
  }
  return undefined;
}

/**
 * What `echo`/`printf` print: printf's format applied to its arguments (`printf '%s' 'rm -rf ~'` prints
 * `rm -rf ~`), and echo's words joined, with escapes applied only for `echo -e` as bash's echo does.
 */
export function printerOutput(program: string, args: string[]): string | undefined {
  if (program === "printf") {
    let rest = args;
    if (rest[0] === "--") rest = rest.slice(1);
    if (rest[0] === "-v") return ""; // printf -v NAME: prints nothing
    return rest.length ? printfOutput(rest[0], rest.slice(1)) : undefined;
  }
  // bash's echo applies escapes only with -e (the outer shell guard checks for is bash).
  let values = args;
  let escapes = false;
  let newline = true;
  while (values[0] && /^-[neE]+$/.test(values[0])) {
    if (values[0].includes("e")) escapes = true;
    if (values[0].includes("E")) escapes = false;
    if (values[0].includes("n")) newline = false;
    values = values.slice(1);
  }
  if (escapes) return echoOutput(args);
  return values.join(" ") + (newline ? "\n" : "");
}

/** The text of a heredoc, a literal here-string, a literal pipe or (with a reader) a redirected file. */
export function literalStdin(stdin: StdinSource, readFile?: FileReader): string | undefined {
  switch (stdin.kind) {
    case "heredoc":
      return stdin.text;
    case "herestring":
      // bash appends a newline: `<<< 'rm -rf \'` continues onto whatever follows it.
      return stdin.word.dynamic ? undefined : `${stdin.word.value}\n`;
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
