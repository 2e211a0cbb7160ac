// Rule ids that were renamed or merged into another rule: config that names an old id still works, with a note saying the new one.
/** Old id → the id of the rule that now does its job. */
export const RULE_ALIASES: Readonly<Record<string, string>> = {
  // deny/ask twins for protected branches merged into one rule that escalates.
  "git.force-push-protected": "git.force-push",
  "git.force-refspec-protected": "git.force-push",
  "git.force-refspec": "git.force-push",
  "git.delete-protected-branch": "git.delete-remote-branch",
  "git.delete-protected-branch-refspec": "git.delete-remote-branch",
  "git.delete-remote-branch-refspec": "git.delete-remote-branch",
  // Twins merged into one rule with `any_of` shapes (same why, instead and action).
  "accounts.admin-group-add": "accounts.admin-group-grant",
  "backups.paas-backup-delete-short": "backups.paas-backup-delete",
  "credentials.search-for-secrets-pattern-option": "credentials.search-for-secrets",
  "credentials.search-for-secrets-recursive-tools": "credentials.search-for-secrets",
  "credentials.git-grep-for-secrets": "credentials.search-for-secrets",
  "databases.redis-pattern-delete-each": "databases.redis-pattern-delete",
  "databases.django-flush-direct": "databases.django-flush",
  "databases.django-migrate-zero-direct": "databases.django-migrate-zero",
  "databases.laravel-wipe-direct": "databases.laravel-wipe",
  "databases.ef-database-update-zero": "databases.ef-database-drop",
  "databases.ef-tool-database-drop": "databases.ef-database-drop",
  "deploy.git-push-version-tag": "deploy.git-push-tags",
  // Widened: any node leaving its swarm asks, not only a forced leave.
  "docker.swarm-leave-force": "docker.swarm-leave",
  "guard.self-files-in-place": "guard.self-files",
  "guard.self-files-redirect": "guard.self-files",
  "guard.self-hooks-in-place": "guard.self-hooks",
  "guard.self-hooks-redirect": "guard.self-hooks",
  "guard.self-environment-inline": "guard.self-environment",
  "guard.shell-rc-append-redirect": "guard.shell-rc-append",
  "network.ifconfig-down": "network.ifdown",
  "npm.yarn-npm-unpublish": "npm.yarn-unpublish",
  "railway.project-delete-subcommand": "railway.project-delete",
  "railway.variable-set-flag": "railway.variable-set",
  "render.datastore-delete-ea": "render.datastore-delete",
  "render.datastore-suspend-ea": "render.datastore-suspend",
  "render.object-delete-ea": "render.object-delete",
  "secrets.vault-kv-get": "secrets.vault-read",
  "system.redirect-to-device": "system.copy-to-device",
  // killall NAME is pkill -x NAME: judged by the same rule, by what it kills.
  "system.killall": "system.kill-service-process",
};

/** Old pack name → its name today: a pack's rule ids start with its name. */
export const PACK_ALIASES: Readonly<Record<string, string>> = {
  filesystem: "fs",
};

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

export function currentPackName(name: string): string {
  return Object.prototype.hasOwnProperty.call(PACK_ALIASES, name) ? PACK_ALIASES[name] : name;
}

/** The parts of a config layer that name rules and packs. */
export interface NamingSettings<A> {
  ruleActions?: Record<string, A>;
  agentRuleActions?: Record<string, Record<string, A>>;
  enablePacks?: string[];
  disablePacks?: string[];
}

/**
 * A config layer's settings with every old rule id and pack name read as today's, and one note per
 * old name used. The one function config calls: the alias tables stay here, with the rules.
 */
export function withCurrentNames<A, S extends NamingSettings<A>>(settings: S): { settings: S; notes: string[] } {
  const notes: string[] = [];
  const out: S = { ...settings };
  const rules = (actions: Record<string, A>) => {
    const read = withCurrentRuleIds(actions);
    notes.push(...read.notes.map((n) => n.message));
    return read.actions;
  };
  const packs = (names: string[], key: string) => names.map((name) => {
    const current = currentPackName(name);
    if (current !== name) notes.push(`packs.${key}: \`${name}\` is now \`${current}\`; the old name still works but will be removed`);
    return current;
  });
  if (settings.ruleActions) out.ruleActions = rules(settings.ruleActions);
  if (settings.agentRuleActions) out.agentRuleActions = Object.fromEntries(Object.entries(settings.agentRuleActions).map(([agent, actions]) => [agent, rules(actions)]));
  if (settings.enablePacks) out.enablePacks = packs(settings.enablePacks, "enable");
  if (settings.disablePacks) out.disablePacks = packs(settings.disablePacks, "disable");
  return { settings: out, notes };
}
