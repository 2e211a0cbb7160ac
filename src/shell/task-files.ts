// Task runners' files: the shell lines behind `just RECIPE` (justfile) and `poe TASK` (pyproject.toml [tool.poe.tasks]).

/** What a task runner would run: shell lines, or code guard does not read (a shebang recipe, a Python script task). */
export interface TaskLines {
  lines: string[];
  /** Recipes or tasks whose code is not shell (python, node…), by name. */
  foreign: string[];
}

/** Recipes nest through dependencies this deep at most. */
const MAX_DEPTH = 16;

interface Recipe {
  params: string[];
  deps: string[];
  body: string[];
}

/** A justfile: recipes, simple variables, and whether it may hold recipes or a shell guard cannot see. */
interface Justfile {
  recipes: Map<string, Recipe>;
  first?: string;
  vars: Map<string, string>;
  /** `import` or `mod`: recipes may live in files guard does not read. */
  open: boolean;
  /** `set shell` to something other than sh or bash: the recipes are not shell guard can read. */
  foreignShell: boolean;
}

function parseJustfile(text: string): Justfile {
  const recipes = new Map<string, Recipe>();
  const vars = new Map<string, string>();
  let first: string | undefined;
  let open = false;
  let foreignShell = false;
  let current: Recipe | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (current && /^[ \t]+\S/.test(raw)) {
      current.body.push(raw.replace(/^[ \t]+/, ""));
      continue;
    }
    if (current && raw.trim() === "") {
      current.body.push("");
      continue;
    }
    current = undefined;
    const line = raw.replace(/^\s+/, "");
    if (line === "" || line.startsWith("#") || line.startsWith("[")) continue;
    if (/^(?:import|mod)\b/.test(line)) open = true;
    const setting = /^set\s+([\w-]+)\s*(?::=\s*(.*))?$/.exec(line);
    if (setting) {
      if (/^(?:shell|script-interpreter)$/.test(setting[1]) && !/^\[\s*["'](?:\/bin\/|\/usr\/bin\/)?(?:ba)?sh["']/.test(setting[2] ?? "")) foreignShell = true;
      continue;
    }
    const alias = /^alias\s+([\w-]+)\s*:=\s*([\w-]+)/.exec(line);
    if (alias) {
      recipes.set(alias[1], { params: [], deps: [alias[2]], body: [] });
      continue;
    }
    const assignment = /^(?:export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.*)$/.exec(line);
    if (assignment) {
      const value = /^'([^']*)'$|^"([^"\\]*)"$/.exec(assignment[2].trim());
      if (value) vars.set(assignment[1], value[1] ?? value[2]);
      continue;
    }
    const header = /^@?([A-Za-z_][\w-]*)((?:\s+[^:]*?)?)\s*:(?!=)\s*(.*)$/.exec(line);
    if (header) {
      current = {
        params: header[2].trim().split(/\s+/).filter(Boolean).map((p) => p.replace(/^[+*$]/, "").replace(/=.*$/, "")),
        // Dependencies: `dep` or `(dep arg)`; `&&` separates the ones run after.
        deps: header[3].replace(/#.*$/, "").replace(/[()]/g, " ").replace(/&&/g, " ").trim().split(/\s+/).filter((d) => /^[A-Za-z_][\w-]*$/.test(d)),
        body: [],
      };
      recipes.set(header[1], current);
      first ??= header[1];
    }
  }
  return { recipes, first, vars, open, foreignShell };
}

/** `{{ x }}`: a justfile variable's value; parameters and expressions stay visible as shell variables guard cannot read. */
function interpolate(line: string, file: Justfile): string {
  return line.replace(/\{\{(.*?)\}\}/g, (_m, expr: string) => {
    const name = expr.trim();
    const known = file.vars.get(name);
    return known ?? `$JUST_${name.replace(/\W+/g, "_")}`;
  });
}

/**
 * The shell lines `just RECIPES` runs (the first recipe when none is named), dependencies first.
 * A recipe the justfile does not have runs nothing (just refuses), unless the file may hold
 * recipes guard cannot see (imports, modules) or `missingRunsNothing` is false. Undefined: unknown.
 */
export function justLines(text: string, wanted: string[], missingRunsNothing = true): TaskLines | undefined {
  const file = parseJustfile(text);
  if (file.foreignShell) return undefined;
  const names = wanted.length ? wanted : file.recipes.has("default") ? ["default"] : file.first ? [file.first] : [];
  const out: TaskLines = { lines: [], foreign: [] };
  const seen = new Set<string>();
  const visit = (name: string, depth: number): boolean => {
    if (seen.has(name) || depth > MAX_DEPTH) return true;
    seen.add(name);
    const recipe = file.recipes.get(name);
    if (!recipe) return missingRunsNothing && !file.open;
    for (const dep of recipe.deps) if (!visit(dep, depth + 1)) return false;
    const body = recipe.body.join("\n").replace(/\s+$/, "");
    // A shebang recipe is one script for that interpreter; a shell one is read whole.
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
    if (shebang) {
      const interpreter = (shebang[1].endsWith("/env") ? shebang[2] ?? "" : shebang[1]).replace(/^.*\//, "");
      if (/^(?:ba|da|z)?sh$/.test(interpreter)) out.lines.push(interpolate(body, file));
      else out.foreign.push(name);
      return true;
    }
    for (const line of recipe.body) if (line.trim() !== "" && !line.trim().startsWith("#")) out.lines.push(interpolate(line.replace(/^[@-]+/, ""), file));
    return true;
  };
  for (const name of names) if (!visit(name, 0)) return undefined;
  return out;
}

/** A TOML string value at the start of `text` ("…", '…', """…""", '''…'''); undefined when it is not one. */
function tomlString(text: string): string | undefined {
  const t = text.trim();
  const multi = /^("""|''')([\s\S]*?)\1/.exec(t);
  if (multi) return multi[2].replace(/^\r?\n/, "");
  const basic = /^"((?:[^"\\]|\\.)*)"/.exec(t);
  if (basic) return basic[1].replace(/\\(.)/g, (_m, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
  const literal = /^'([^']*)'/.exec(t);
  return literal ? literal[1] : undefined;
}

type PoeTask = { cmd?: string; shell?: string; sequence?: string[]; ref?: string; other?: boolean };

/** The [tool.poe.tasks] of a pyproject.toml, read line by line (strings, inline tables, task tables, arrays of names). */
function poeTasks(text: string): Map<string, PoeTask> | undefined {
  const tasks = new Map<string, PoeTask>();
  let table: string | undefined;
  // Multi-line strings and arrays are joined onto one line first.
  const joined = text.replace(/("""|''')[\s\S]*?\1/g, (m) => m.replace(/\n/g, "\\n")).replace(/\[\s*\n([^\]]*)\]/g, (m) => m.replace(/\n/g, " "));
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      table = header[1].replace(/\s+/g, "");
      continue;
    }
    const kv = /^("?[\w.-]+"?)\s*=\s*(.*)$/.exec(line);
    if (!kv || !table) continue;
    const key = kv[1].replace(/"/g, "");
    const value = kv[2].replace(/\\n/g, "\n");
    if (table === "tool.poe.tasks") {
      const [name, field] = key.split(".", 2);
      const task = tasks.get(name) ?? {};
      tasks.set(name, task);
      if (field) assign(task, field, value);
      else if (value.startsWith("{")) for (const m of value.matchAll(/(\w+)\s*=\s*("""[\s\S]*?"""|"(?:[^"\\]|\\.)*"|'[^']*'|\[[^\]]*\]|[^,}]+)/g)) assign(task, m[1], m[2]);
      else if (value.startsWith("[")) task.sequence = arrayOf(value);
      else {
        const s = tomlString(value);
        if (s === undefined) task.other = true;
        else task.cmd = s;
      }
    } else if (table.startsWith("tool.poe.tasks.")) {
      const name = table.slice("tool.poe.tasks.".length).split(".")[0];
      if (table.split(".").length > 4) continue; // `[tool.poe.tasks.x.env]`, `.args`: settings of the task
      const task = tasks.get(name) ?? {};
      tasks.set(name, task);
      assign(task, key, value);
    }
  }
  return tasks;

  function arrayOf(value: string): string[] {
    return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|\{[^}]*\}/g)].map((m) => m[1] ?? m[2] ?? "\0inline");
  }
  function assign(task: PoeTask, field: string, value: string): void {
    if (field === "cmd" || field === "shell" || field === "ref") {
      const s = tomlString(value);
      if (s === undefined) task.other = true;
      else task[field] = s;
    } else if (field === "sequence") task.sequence = arrayOf(value);
    else if (/^(?:script|expr|switch|parallel|uses)$/.test(field)) task.other = true;
  }
}

/**
 * The shell lines `poe TASK` runs from a pyproject.toml: `cmd` and `shell` tasks, `ref`s and sequences
 * of task names followed. A task poe does not have runs nothing; undefined when the file cannot be read.
 */
export function poeLines(text: string, name: string): TaskLines | undefined {
  const tasks = poeTasks(text);
  if (!tasks) return undefined;
  const out: TaskLines = { lines: [], foreign: [] };
  const seen = new Set<string>();
  const visit = (task: string, depth: number): void => {
    if (seen.has(task) || depth > MAX_DEPTH) return;
    seen.add(task);
    const t = tasks.get(task);
    if (!t) return;
    if (t.other) out.foreign.push(task);
    if (t.cmd !== undefined) out.lines.push(t.cmd);
    if (t.shell !== undefined) out.lines.push(t.shell);
    if (t.ref !== undefined) visit(t.ref.split(/\s+/)[0], depth + 1);
    for (const item of t.sequence ?? []) {
      if (item === "\0inline") out.foreign.push(task);
      else visit(item.split(/\s+/)[0], depth + 1);
    }
  };
  visit(name, 0);
  return out;
}
