// Asks the human at the terminal to approve one command: the only importer of prompts.
import type { PromptObject } from "prompts";
import type { Terminal } from "./tty";

export type ConfirmResult =
  | { approved: true }
  | { approved: false; reason: "cancelled" | "wrong-answer" | "timeout" | "wrong-pin" };

export interface ConfirmRequest {
  /** What to show before asking: the command, the matched part, what and why. */
  body: string;
  /** What the human must type: the rule's target (volume id, branch…) or a fixed word. */
  expected: string;
  /** Whether the approval PIN is also required, and how to check it. */
  pin?: { verify: (pin: string) => boolean };
  timeoutMs: number;
  /** What approving does, after "Type … to": default "run it". */
  action?: string;
}

/** Why a prompt ended in no, in words for the person at the terminal (the codes stay in the audit log). */
export function refusalReason(reason: Exclude<ConfirmResult, { approved: true }>["reason"], expected: string, timeoutMs: number): string {
  switch (reason) {
    case "cancelled":
      return "cancelled";
    case "wrong-answer":
      return `the answer was not ${JSON.stringify(expected)}`;
    case "wrong-pin":
      return "the PIN was wrong";
    case "timeout":
      return `no answer within ${Math.round(timeoutMs / 1000)} s`;
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

export const DEFAULT_PROMPT_TIMEOUT_MS = 60_000;

/** GUARD_PROMPT_TIMEOUT, in seconds, overrides the 60 s default. */
export function promptTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.GUARD_PROMPT_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_PROMPT_TIMEOUT_MS;
}

/**
 * Esc, Ctrl-C, Ctrl-D, a closed terminal, a wrong answer, a wrong PIN and the timeout all mean no:
 * the only way to yes is typing the expected text (and the PIN) and pressing Enter.
 */
export async function confirmOnTerminal(terminal: Terminal, request: ConfirmRequest): Promise<ConfirmResult> {
  const { default: prompts } = await import("prompts");
  const io = { stdin: terminal.input as unknown as NodeJS.ReadStream, stdout: terminal.output as unknown as NodeJS.WriteStream };
  let cancelled = false;
  const ask = async (question: Record<string, unknown>, accepted: (value: string) => boolean): Promise<string | undefined> => {
    // prompts draws a green tick for every submitted answer; a wrong one is redrawn as a red cross
    // before the tick is printed, so a refusal never reads as a success on the screen.
    // (prompts then reports it as a cancel, so the submitted text is kept here to tell the two apart.)
    let rejected: string | undefined;
    const onRender = function (this: { done?: boolean; aborted?: boolean; value?: unknown }) {
      if (this.done && !this.aborted && !accepted(String(this.value ?? ""))) {
        rejected = String(this.value ?? "");
        this.aborted = true;
      }
    };
    const answers = await prompts({ name: "value", ...question, ...io, onRender } as unknown as PromptObject, {
      onCancel: () => {
        if (rejected === undefined) cancelled = true;
        return false;
      },
    });
    if (rejected !== undefined) return rejected;
    return cancelled || typeof answers.value !== "string" ? undefined : answers.value;
  };
  const flow = async (): Promise<ConfirmResult> => {
    terminal.output.write(request.body);
    const seconds = Math.round(request.timeoutMs / 1000);
    const action = request.action ?? "run it";
    const answer = await ask({ type: "text", message: `Type ${JSON.stringify(request.expected)} to ${action} (anything else cancels; ${seconds} s)` }, (v) => v.trim() === request.expected);
    if (answer === undefined) return { approved: false, reason: "cancelled" };
    if (answer.trim() !== request.expected) return { approved: false, reason: "wrong-answer" };
    if (request.pin) {
      const verify = request.pin.verify;
      const pin = await ask({ type: "password", message: "Approval PIN" }, (v) => verify(v));
      if (pin === undefined) return { approved: false, reason: "cancelled" };
      if (!request.pin.verify(pin)) return { approved: false, reason: "wrong-pin" };
    }
    return { approved: true };
  };
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<ConfirmResult>((resolve) => {
    timer = setTimeout(() => resolve({ approved: false, reason: "timeout" }), request.timeoutMs);
    // A terminal that goes away (EOF, hang-up) is a no.
    terminal.input.once("end", () => resolve({ approved: false, reason: "cancelled" }));
    terminal.input.once("close", () => resolve({ approved: false, reason: "cancelled" }));
  });
  try {
    return await Promise.race([flow(), stop]);
  } catch {
    return { approved: false, reason: "cancelled" };
  } finally {
    clearTimeout(timer);
    terminal.output.write("\n");
    terminal.close();
  }
}

/** `validate` keeps the question open with its message until the answer passes (or the person cancels). */
export async function askSecret(terminal: Terminal, message: string, validate?: (value: string) => true | string): Promise<string | undefined> {
  const { default: prompts } = await import("prompts");
  let cancelled = false;
  const answer = await prompts(
    { type: "password", name: "value", message, validate, stdin: terminal.input, stdout: terminal.output } as never,
    { onCancel: () => { cancelled = true; return false; } },
  );
  return cancelled || typeof answer.value !== "string" ? undefined : answer.value;
}
