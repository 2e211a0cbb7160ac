// Indirect execution: the shell text behind `npm run X` (package.json scripts) and `make T` (Makefile recipes).

/** Commands a Makefile recipe pulls in through prerequisites are followed this deep. */
const MAX_MAKE_DEPTH = 8;

/** The scripts npm runs for `run NAME`, in order: preNAME, NAME, postNAME. */
export interface PackageScripts {
  found: boolean;
  pre?: string;
  main?: string;
  post?: string;
}

/** Reads `scripts` from package.json text; undefined when the text is not a package.json. */
export function packageScripts(json: string, name: string): PackageScripts | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!pkg || typeof pkg !== "object") return undefined;
  const scripts = (pkg as { scripts?: unknown }).scripts;
  const table = scripts && typeof scripts === "object" ? (scripts as Record<string, unknown>) : {};
  const get = (key: string) => (Object.prototype.hasOwnProperty.call(table, key) && typeof table[key] === "string" ? (table[key] as string) : undefined);
  const main = get(name);
  if (main === undefined) return { found: false };
  return { found: true, pre: get(`pre${name}`), main, post: get(`post${name}`) };
}

interface MakeRule {
  prerequisites: string[];
  recipe: string[];
}

/** make's own defaults for the variables recipes use most. */
const MAKE_DEFAULTS: Record<string, string> = { RM: "rm -f", CC: "cc", CXX: "g++", MAKE: "make", SHELL: "/bin/sh", CP: "cp", MV: "mv" };

interface Makefile {
  rules: Map<string, MakeRule>;
  first?: string;
  variables: Record<string, string>;
  /**
   * Rules guard cannot list may exist: an `include`, a pattern or suffix rule, `.DEFAULT`, a target
   * or rule built from variables or `$(eval …)`. Only a makefile without them tells which targets have no rule.
   */
  open: boolean;
}

/** Lines that make targets guard does not see: includes, `define`/`eval`, `.DEFAULT`. */
const OPEN_MAKEFILE = /^\s*(?:-?include|sinclude|define)\b|\$[({]eval\b|^\s*\.DEFAULT\s*:/m;

function parseMakefile(text: string): Makefile {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const rules = new Map<string, MakeRule>();
  const variables: Record<string, string> = { ...MAKE_DEFAULTS };
  let current: MakeRule[] = [];
  let first: string | undefined;
  let open = OPEN_MAKEFILE.test(text);
  for (const line of lines) {
    if (line.startsWith("\t")) {
      for (const rule of current) rule.recipe.push(line.slice(1));
      continue;
    }
    const trimmed = line.replace(/#.*$/, "").trim();
    if (!trimmed) continue;
    const assignment = /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?::{1,3}=|\?=|\+=|!=|=)\s*(.*)$/.exec(trimmed);
    if (assignment) {
      variables[assignment[1]] = assignment[2];
      current = [];
      continue;
    }
    const colon = trimmed.indexOf(":");
    if (colon <= 0) {
      current = [];
      continue;
    }
    const targets = trimmed.slice(0, colon).trim().split(/\s+/);
    // `%: …`, `dev-%:`, `.sh:` / `.c.o:` suffix rules and `$(T):` match targets guard cannot list.
    if (targets.some((t) => t.includes("%") || t.includes("$") || /^\.[^.A-Z]+(?:\.[^.]+)?$/.test(t))) open = true;
    const [prereqText, inline] = trimmed.slice(colon + 1).replace(/^:/, "").split(";", 2);
    current = targets.map((target) => {
      const rule = rules.get(target) ?? { prerequisites: [], recipe: [] };
      rule.prerequisites.push(...prereqText.trim().split(/\s+/).filter(Boolean));
      if (inline?.trim()) rule.recipe.push(inline.trim());
      rules.set(target, rule);
      if (!first && !target.startsWith(".") && !target.includes("%")) first = target;
      return rule;
    });
  }
  return { rules, first, variables, open };
}

/** Expands make syntax in a recipe line into the shell text make would hand to /bin/sh. */
function expandRecipe(line: string, target: string, rule: MakeRule, variables: Record<string, string>): string {
  const stripped = line.replace(/^[\s@+-]+/, "");
  let out = "";
  for (let i = 0; i < stripped.length; i++) {
    const ch = stripped[i];
    if (ch !== "$") {
      out += ch;
      continue;
    }
    const next = stripped[i + 1];
    if (next === "$") {
      out += "$";
      i++;
    } else if (next === "@") {
      out += target;
      i++;
    } else if (next === "<") {
      out += rule.prerequisites[0] ?? "";
      i++;
    } else if (next === "^") {
      out += rule.prerequisites.join(" ");
      i++;
    } else if (next === "(" || next === "{") {
      const close = stripped.indexOf(next === "(" ? ")" : "}", i + 2);
      if (close < 0) {
        out += stripped.slice(i);
        break;
      }
      const name = stripped.slice(i + 2, close);
      // Unknown make variables stay visible as shell variables: a command name from one is dynamic (ask).
      out += Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : `$${name.replace(/[^A-Za-z0-9_]/g, "_")}`;
      i = close;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * The recipe lines make would run for `targets` (the first target when none), prerequisites first.
 * A target with no rule in a makefile that lists all its rules runs nothing of the project's: make
 * stops with "No rule to make target", or its built-in rules compile a source file of that name.
 * Undefined when the makefile may hold rules guard cannot list (see Makefile.open), or when the
 * makefile read is only a stand-in for another (`missingRunsNothing` false: a container's own).
 */
export function makeRecipes(text: string, targets: string[], missingRunsNothing = true, overrides: Record<string, string> = {}): string[] | undefined {
  const makefile = parseMakefile(text);
  // Command-line `NAME=VALUE` overrides every assignment in the makefile.
  Object.assign(makefile.variables, overrides);
  const wanted = targets.length ? targets : makefile.first ? [makefile.first] : [];
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (target: string, depth: number): boolean => {
    if (seen.has(target) || depth > MAX_MAKE_DEPTH) return true;
    seen.add(target);
    const rule = makefile.rules.get(target);
    if (!rule) return depth > 0 || (missingRunsNothing && !makefile.open); // a missing prerequisite is usually a file
    for (const prerequisite of rule.prerequisites) visit(prerequisite, depth + 1);
    for (const line of rule.recipe) out.push(expandRecipe(line, target, rule, makefile.variables));
    return true;
  };
  for (const target of wanted) if (!visit(target, 0)) return undefined;
  return out;
}
