// Rule ids that were renamed or merged into another rule: config that names an old id still works, with a note saying the new one.
/** Old id → the id of the rule that now does its job. */
export const RULE_ALIASES: Readonly<Record<string, string>> = {};

/** The id a rule has today: an old id is read as its new one, any other id is itself. */
export function currentRuleId(id: string): string {
  return Object.prototype.hasOwnProperty.call(RULE_ALIASES, id) ? RULE_ALIASES[id] : id;
}

export interface AliasedActions<T> {
  /** The same entries under today's ids. A merged rule named twice keeps the stricter of the two as config wrote them last. */
  actions: Record<string, T>;
  /** One line per old id used: what to write instead. */
  notes: { id: string; message: string }[];
}

/**
 * Config's `rules: {id: action}` with old ids read as their new ones. The one entry point config
 * calls, so the alias table stays here with the rules.
 */
export function withCurrentRuleIds<T>(actions: Record<string, T>): AliasedActions<T> {
  const out: Record<string, T> = {};
  const notes: AliasedActions<T>["notes"] = [];
  for (const [id, action] of Object.entries(actions)) {
    const current = currentRuleId(id);
    if (current !== id) notes.push({ id, message: `rules: \`${id}\` is now \`${current}\`; the old id still works but will be removed` });
    // The entry that names the rule by its current id wins over one naming it by an old id.
    if (current === id || !Object.prototype.hasOwnProperty.call(actions, current)) out[current] = action;
  }
  return { actions: out, notes };
}
