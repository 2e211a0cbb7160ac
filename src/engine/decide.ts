// Combines findings into one decision: allow < ask < deny, the strictest wins.
import { actionRank, stricter, type Action } from "../core/action";
import type { Finding } from "../core/finding";

/** An uncertain match (a dynamic word in a deciding position) asks rather than denies or allows. */
function effectiveAction(finding: Finding): Action {
  return finding.certain || finding.action === "allow" ? finding.action : "ask";
}

export function decide(findings: Finding[]): { decision: Action; findings: Finding[] } {
  // Most commands have no finding at all.
  if (findings.length === 0) return { decision: "allow", findings: [] };
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const finding of findings) {
    // Copied only when the action changes: findings are never changed after they are made, and a spread of one costs.
    const action = effectiveAction(finding);
    const normalised = action === finding.action ? finding : { ...finding, action };
    const key = `${normalised.rule}@${normalised.span.start}-${normalised.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(normalised);
  }
  // Strictest first, so the headline finding is the one that decided.
  unique.sort((a, b) => actionRank(b.action) - actionRank(a.action) || a.span.start - b.span.start);
  const decision = unique.reduce<Action>((acc, f) => stricter(acc, f.action), "allow");
  return { decision, findings: unique };
}
