// What make runs while it reads its makefiles, before any recipe: `$(shell CMD)`, `VAR != CMD`, and a SHELL or .SHELLFLAGS that changes what runs recipes.

/** Scans stop after this many characters of makefile text (a makefile is small; a huge one is scanned that far). */
const MAX_TEXT = 262_144;
/** At most this many `$(shell …)` calls are collected from one text. */
const MAX_CALLS = 256;

/** The index just after the bracket that closes the one at `open` (make nests only its own brackets). */
function closing(text: string, open: number): number {
  const pair = text[open] === "(" ? ["(", ")"] : ["{", "}"];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === pair[0]) depth++;
    else if (text[i] === pair[1] && --depth === 0) return i + 1;
  }
  return text.length;
}

/**
 * The shell commands make runs while reading `text` as makefile syntax: each `$(shell CMD)` and
 * `${shell CMD}` (wherever it stands: GNU make expands immediate assignments, conditionals and rule
 * lines as it reads them, and the others when they are used, which `make -n` also does), and the
 * right-hand side of each `VAR != CMD`. Recipe lines are left to the recipe reader, but a `$(shell)`
 * in one still counts: make expands recipes to print them under -n.
 */
export function makeShellCommands(input: string): string[] {
  const text = input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input;
  const out: string[] = [];
  for (const m of text.matchAll(/\$([({])shell[ \t]/g)) {
    if (out.length >= MAX_CALLS) break;
    const open = m.index! + 1;
    const end = closing(text, open);
    out.push(text.slice(open + m[0].length - 1, end - 1));
  }
  for (const m of text.replace(/\\\r?\n/g, " ").matchAll(/^(?!\t)[ \t]*(?:export[ \t]+|override[ \t]+)?[A-Za-z_.][\w.-]*[ \t]*!=[ \t]*(.+)$/gm)) {
    if (out.length >= MAX_CALLS) break;
    out.push(m[1]);
  }
  return out;
}

/** Shells make can run recipes with that run each line as written (`SHELL := /bin/bash`). */
const PLAIN_SHELL = /^(?:\/usr)?(?:\/bin\/|\/usr\/bin\/env\s+)?(?:ba|da|z|k)?sh$/;
/** .SHELLFLAGS that only set shell options before `-c` (`-ec`, `-o pipefail -c`, `-eu -o pipefail -c`). */
const PLAIN_FLAGS = /^(?:\s*(?:-[a-zA-Z]+|-o\s+\w+|\+[a-zA-Z]+))*\s*$/;

/**
 * A SHELL or .SHELLFLAGS value that makes recipes run through something other than a plain shell
 * (`SHELL=./x.sh`, `.SHELLFLAGS='-c "rm -rf src" #'`): what then runs is not what the recipes say.
 */
export function unusualRecipeShell(name: string, value: string): boolean {
  const v = value.trim();
  if (name === "SHELL") return v !== "" && !PLAIN_SHELL.test(v);
  if (name === ".SHELLFLAGS") return !PLAIN_FLAGS.test(v) || !/(?:^|\s)-[a-zA-Z]*c\s*$/.test(v);
  return false;
}

/** `SHELL := …` and `.SHELLFLAGS = …` assignments in makefile text: name and value. */
export function recipeShellSettings(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const m of text.slice(0, MAX_TEXT).matchAll(/^(?!\t)[ \t]*(?:export[ \t]+|override[ \t]+)?(SHELL|\.SHELLFLAGS)[ \t]*(?::{1,3}=|\?=|\+=|=)[ \t]*(.*)$/gm)) {
    out.push({ name: m[1], value: m[2].replace(/[ \t]+#.*$/, "") });
  }
  return out;
}
