// `guard rules`: the packs and rules in force here, and `guard rules show ID` for one rule with its examples.
import { packEnabled } from "../config/settings";
import { activeRules } from "../engine/active-rules";
import type { Rule, RuleFile } from "../rules/types";
import { EXIT } from "./exit-codes";

function ruleJson(rule: Rule, file: RuleFile, enabled: boolean) {
  return {
    id: rule.id, pack: file.pack.name, enabled, action: rule.action, severity: rule.severity,
    ...(rule.inProduction ? { in_production: rule.inProduction } : {}),
    ...(rule.onProtectedBranch ? { on_protected_branch: rule.onProtectedBranch } : {}),
    message: rule.message, why: rule.why, instead: rule.instead, file: `${rule.file}:${rule.line}`,
    examples: { match: rule.examples.match.map((e) => e.command), not_match: rule.examples.not_match.map((e) => e.command) },
  };
}

export function listRules(flags: { json?: boolean }) {
  const active = activeRules(process.cwd(), process.env, { examples: true });
  const packs = active.files.map((file) => ({ file, enabled: packEnabled(active.settings, file.pack) }));
  if (flags.json) {
    const out = packs.map(({ file, enabled }) => ({
      pack: file.pack.name, description: file.pack.description, enabled, file: file.file,
      rules: file.rules.map((r) => ruleJson(r, file, enabled)),
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  for (const { file, enabled } of packs) {
    process.stdout.write(`${file.pack.name}${enabled ? "" : " (off)"} — ${file.pack.description || file.file}\n`);
    for (const rule of file.rules) {
      const production = [
        rule.inProduction && rule.inProduction !== rule.action ? `${rule.inProduction} in production` : "",
        rule.onProtectedBranch && rule.onProtectedBranch !== rule.action ? `${rule.onProtectedBranch} on a protected branch` : "",
      ].filter(Boolean).map((t) => ` (${t})`).join("");
      process.stdout.write(`  ${rule.action.padEnd(5)} ${rule.id}${production}: ${rule.message}\n`);
    }
  }
  for (const e of active.errors) process.stderr.write(`guard: ${e.file}:${e.line}: ${e.message}\n`);
}

export function showRule(id: string, flags: { json?: boolean }) {
  const active = activeRules(process.cwd(), process.env, { examples: true });
  for (const file of active.files) {
    const rule = file.rules.find((r) => r.id === id);
    if (!rule) continue;
    const json = ruleJson(rule, file, packEnabled(active.settings, file.pack));
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return;
    }
    const lines = [
      `${rule.id}  (${json.action}, ${rule.severity}; pack ${json.pack}${json.enabled ? "" : ", off"}; ${json.file})`,
      ...(rule.inProduction ? [`in production: ${rule.inProduction}`] : []),
      ...(rule.onProtectedBranch ? [`on a protected branch: ${rule.onProtectedBranch}`] : []),
      `what:    ${rule.message}`,
      `why:     ${rule.why}`,
      `instead: ${rule.instead}`,
      "matches:",
      ...json.examples.match.map((e) => `  + ${e}`),
      "does not match:",
      ...json.examples.not_match.map((e) => `  - ${e}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return;
  }
  process.stderr.write(`guard: no rule with id ${id} (see guard rules)\n`);
  process.exitCode = EXIT.failure;
}
