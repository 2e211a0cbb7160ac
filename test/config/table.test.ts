// The config table: every key documented and no undocumented key in the docs, layer rules from the rows, provenance from the rows.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, combineWithProvenance, parseConfig, provenanceRows } from "../../src/config/keys";
import { KEY_TABLE_END, KEY_TABLE_START, renderKeyTable } from "../../src/config/key-docs";
import type { ConfigLayer } from "../../src/config/settings";

const DOCS = readFileSync("docs/configuration.md", "utf8");

/** Top-level keys of the YAML examples in docs/configuration.md. */
function documentedKeys(): string[] {
  const keys: string[] = [];
  for (const block of DOCS.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    for (const line of block[1].split("\n")) {
      const m = /^([a-z_]+):/.exec(line);
      if (m) keys.push(m[1]);
    }
  }
  return keys;
}

function layer(layerName: ConfigLayer["layer"], data: unknown): ConfigLayer {
  const parsed = parseConfig(data, `/cfg/${layerName}.yaml`, layerName);
  expect(parsed.errors).toEqual([]);
  return parsed.layer;
}

function report(...layers: ConfigLayer[]): Record<string, string> {
  const { settings, provenance } = combineWithProvenance(layers);
  return Object.fromEntries(provenanceRows(settings, provenance).map((r) => [r.key, r.layer]));
}

describe("the config table and the docs", () => {
  it("every key in the table is in the docs' YAML example, and the docs name no key the table lacks", () => {
    const table = CONFIG_KEYS.map((r) => r.key).sort();
    const documented = [...new Set(documentedKeys())].sort();
    expect(documented).toEqual(table);
  });

  it("the table of how keys combine in the docs is the one rendered from the rows", () => {
    const start = DOCS.indexOf(KEY_TABLE_START);
    const end = DOCS.indexOf(KEY_TABLE_END);
    expect(start, "docs/configuration.md lacks the generated key table").toBeGreaterThan(-1);
    const inDocs = DOCS.slice(start, end + KEY_TABLE_END.length);
    expect(inDocs, `paste this into docs/configuration.md:\n${renderKeyTable()}`).toBe(renderKeyTable());
  });

  it("each row names its layers and a merge rule for each", () => {
    for (const row of CONFIG_KEYS) {
      expect(row.layers.length, row.key).toBeGreaterThan(0);
      for (const rule of Object.values(row.merge)) expect(["replace", "union", "stricter", "floor", "ignored"], row.key).toContain(rule);
    }
    expect(new Set(CONFIG_KEYS.map((r) => r.key)).size).toBe(CONFIG_KEYS.length);
  });
});

describe("parsing by the table", () => {
  it("a key set in a file its row does not allow is one error naming where it may be set", () => {
    expect(parseConfig({ audit: { syslog: true } }, "/r/.guard.yaml", "project").errors).toEqual(["audit can only be set in your user config or the system policy"]);
    expect(parseConfig({ undo: { enabled: false } }, "/r/.guard.yaml", "project").errors).toEqual(["undo can only be set in your user config or the system policy"]);
    expect(parseConfig({ user_config: "signed" }, "/u/config.yaml", "user").errors).toEqual(["user_config can only be set in the system policy (/etc/guard/config.yaml)"]);
    expect(parseConfig({ user_config: "signed" }, "/etc/guard/config.yaml", "system")).toMatchObject({ errors: [], layer: { settings: { userConfig: "signed" } } });
  });

  it("an unknown key lists the table's keys", () => {
    const [error] = parseConfig({ modes: "audit" }, "/u/config.yaml", "user").errors;
    expect(error).toBe(`unknown key \`modes\` (known: ${CONFIG_KEYS.map((r) => r.key).join(", ")})`);
  });
});

describe("provenance from the rows", () => {
  it("names the layer that set each reported value, and default for the rest", () => {
    const rows = report(
      layer("user", { mode: "audit", packs: { enable: ["deploy"] }, rules: { "git.force-push": "ask" } }),
      layer("project", { protected_branches: ["staging"], read_only_databases: "always" }),
      layer("system", { rules: { "git.force-push": "deny" }, isolation: { enabled: true }, hooks: { grant_allowed: false } }),
    );
    expect(rows).toMatchObject({
      mode: "user",
      "packs.deploy": "user",
      "rules.git.force-push": "system",
      protected_branches: "project",
      read_only_databases: "project",
      "isolation.enabled": "system",
      "hooks.grant_allowed": "system",
      allowed_rm_paths: "default",
      audit: "default",
    });
  });

  it("a project value that changes nothing is not credited to the project", () => {
    // `mode: enforce` and an empty allowed_rm_paths in .guard.yaml are accepted but change nothing.
    const rows = report(layer("project", { mode: "enforce", allowed_rm_paths: [] }));
    expect(rows.mode).toBe("default");
    expect(rows.allowed_rm_paths).toBe("default");
  });

  it("a system-forced value is credited to the system even when the user set it too", () => {
    const rows = report(layer("user", { audit: { mirror: "/m.jsonl" }, mode: "audit" }), layer("system", { audit: { syslog: true }, mode: "enforce" }));
    expect(rows.audit).toBe("system");
    expect(rows.mode).toBe("system");
  });
});
