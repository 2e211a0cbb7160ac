// The three actions and four severities every stage speaks: allow < ask < deny, and the strictest wins.

export type Action = "allow" | "ask" | "deny";
export type Severity = "low" | "medium" | "high" | "critical";

export const ACTIONS: readonly Action[] = ["allow", "ask", "deny"];
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];

/** allow < ask < deny: the strictest finding wins. */
export function actionRank(action: Action): number {
  return ACTIONS.indexOf(action);
}

export function stricter(a: Action, b: Action): Action {
  return actionRank(a) >= actionRank(b) ? a : b;
}
