// One overall deadline per guard process: deciding must finish well inside an agent's hook timeout, or guard refuses.
//
// Agents run the command when a hook times out (Claude Code, Gemini CLI: 60 s by default), so a guard
// that can be stalled is a guard that can be switched off. Every entry point arms this deadline; when
// it passes, guard refuses (fails closed) instead of waiting. It covers deciding only: `guard exec`
// clears it before a prompt or the command itself, which may take as long as they take.

/** 5 s: far inside every agent's hook timeout, and some 20 times what a check costs on a slow machine. */
export const DEFAULT_DEADLINE_MS = 5_000;
/** GUARD_DEADLINE (seconds) can shorten it, or lengthen it up to this bound, never more. */
export const MAX_DEADLINE_MS = 30_000;

let timer: NodeJS.Timeout | undefined;
let armedAt = 0;
let budget = DEFAULT_DEADLINE_MS;

export function deadlineMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.GUARD_DEADLINE);
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_DEADLINE_MS;
  return Math.min(seconds * 1000, MAX_DEADLINE_MS);
}

/** Arms the deadline; `onExpire` must refuse in the entry point's own terms and end the process. */
export function armDeadline(ms: number, onExpire: () => void): void {
  clearDeadline();
  armedAt = Date.now();
  budget = ms;
  timer = setTimeout(onExpire, ms);
  // Not a reason to stay alive: a check that finished exits at once.
  timer.unref();
}

export function clearDeadline(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
}

/** Milliseconds left before the deadline (undefined when none is armed: a library caller): synchronous waits stay inside it. */
export function remainingMs(): number | undefined {
  return timer ? Math.max(0, budget - (Date.now() - armedAt)) : undefined;
}
