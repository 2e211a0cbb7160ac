// Opens the controlling terminal for prompts: stdin and stdout belong to the command being guarded.
import { openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";

export interface Terminal {
  input: ReadStream;
  output: WriteStream;
  close(): void;
}

/**
 * The terminal of the human at the keyboard, or undefined when there is none (agent hooks run
 * without one: opening /dev/tty fails with ENXIO). GUARD_NO_TTY=1 forces the no-terminal path,
 * which is only ever stricter: an ask becomes a refusal with a one-time approval code.
 */
export function openTerminal(env: NodeJS.ProcessEnv = process.env): Terminal | undefined {
  if (env.GUARD_NO_TTY === "1") return undefined;
  let inFd: number | undefined;
  let outFd: number | undefined;
  try {
    inFd = openSync("/dev/tty", "r");
    outFd = openSync("/dev/tty", "w");
    const input = new ReadStream(inFd);
    const output = new WriteStream(outFd);
    if (!input.isTTY) throw new Error("/dev/tty is not a terminal");
    return {
      input,
      output,
      close() {
        if (input.isRaw) input.setRawMode(false);
        input.destroy();
        output.destroy();
      },
    };
  } catch {
    return undefined;
  }
}
