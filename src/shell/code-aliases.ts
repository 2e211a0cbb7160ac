// Interpreter code with its indirections spelled out: `__import__('shutil')`, `getattr(m, 'f')`, `import x as y`, `require('fs')`, destructuring.
import { blankStrings, escapeRegex, type Language } from "./code-lex";
import { valueOf } from "./code-values";

/**
 * Modules whose names guard's call tables use. An alias is only followed to one of these, so
 * `const x = 5` or `import numpy as np` change nothing.
 */
const MODULES: Record<Language, RegExp> = {
  python: /^(?:os|os\.path|shutil|subprocess|pathlib|glob|sys|requests|httpx|urllib|urllib\.request|urllib3|aiohttp|http\.client|base64|codecs|io|importlib|builtins|commands)$/,
  javascript: /^(?:fs|fs\.promises|child_process|os|path|glob|fg|https|http|process|fse|fs-extra|rimraf|execa|axios|undici|got|ky|superagent|vm)$/,
  ruby: /^$/,
  perl: /^$/,
  php: /^$/,
};

/** `fs/promises` → `fs.promises`, `node:fs` → `fs`, `fs-extra` → `fse`, `fast-glob` → `fg` (the names guard's tables use). */
function jsModule(spec: string): string {
  const name = spec.replace(/^node:/, "").replace(/\//g, ".");
  return name === "fs-extra" ? "fse" : name === "fast-glob" ? "fg" : name;
}

/** Replaces whole identifiers outside strings (not after `.`, not followed by `=` of a keyword argument). */
function renameIdentifiers(code: string, language: Language, names: Map<string, string>): string {
  if (!names.size) return code;
  const searchable = blankStrings(code, language);
  const re = new RegExp(`(?<![\\w$.])(?:${[...names.keys()].map(escapeRegex).join("|")})(?![\\w$])(?!\\s*=[^=])`, "g");
  let out = "";
  let last = 0;
  for (const m of searchable.matchAll(re)) {
    out += code.slice(last, m.index) + names.get(m[0])!;
    last = m.index! + m[0].length;
  }
  return out + code.slice(last);
}

function pythonAliases(code: string): string {
  // `__import__('shutil')`, `importlib.import_module('shutil')` are the module itself.
  let text = code.replace(/\b(?:__import__|importlib\.import_module)\(\s*([^,()]+?)\s*\)/g, (whole, name: string) => {
    const value = valueOf(name, "python");
    return value !== undefined && /^[\w.]+$/.test(value) ? value : whole;
  });
  // `getattr(shutil, 'rmtree')` is `shutil.rmtree`, also when the name is computed from literals (`'sys' + 'tem'`).
  text = text.replace(/\bgetattr\(\s*([\w.]+)\s*,\s*([^,()]+?)\s*\)/g, (whole, target: string, name: string) => {
    const value = valueOf(name, "python");
    return value !== undefined && /^\w+$/.test(value) ? `${target}.${value}` : whole;
  });
  const names = new Map<string, string>();
  // `import shutil as sh`, also in a list (`import os, shutil as sh`).
  for (const m of text.matchAll(/(?<![\w.])import\s+([\w., \t]+)/g)) {
    for (const alias of m[1].split(",").map((item) => /^\s*([\w.]+)\s+as\s+(\w+)\s*$/.exec(item))) {
      if (alias && MODULES.python.test(alias[1])) names.set(alias[2], alias[1]);
    }
  }
  // The names end with the line, unless parentheses hold them (`from os import (remove,\n rmdir)`).
  for (const m of text.matchAll(/\bfrom\s+([\w.]+)\s+import\s+(?:\(([\w\s,]+)\)|([\w \t,]+))/g)) {
    if (!MODULES.python.test(m[1])) continue;
    for (const item of (m[2] ?? m[3]).split(",")) {
      const parts = item.trim().split(/\s+as\s+/);
      if (/^\w+$/.test(parts[0])) names.set((parts[1] ?? parts[0]).trim(), `${m[1]}.${parts[0]}`);
    }
  }
  return renameIdentifiers(text, "python", names);
}

function javascriptAliases(code: string): string {
  // `require('fs')`, `require("node:child_process")`, `await import('fs')` are the module itself.
  let text = code.replace(/\b(?:require|await\s+import)\(\s*(['"`])([\w:/-]+)\1\s*\)/g, (_m, _q, spec: string) => jsModule(spec));
  text = text.replace(/\bimport\s+(?:\*\s+as\s+)?(\w+)\s+from\s+(['"])([\w:/-]+)\2/g, (_m, name: string, _q, spec: string) => `const ${name} = ${jsModule(spec)}`);
  text = text.replace(/\bimport\s*\{([^}]*)\}\s*from\s+(['"])([\w:/-]+)\2/g, (_m, list: string, _q, spec: string) => `const {${list.replace(/\bas\b/g, ":")}} = ${jsModule(spec)}`);
  // `child_process['exec' + 'Sync']` is `child_process.execSync`.
  text = text.replace(/\b([\w.]+)\[([^\[\]]+)\]/g, (whole, target: string, name: string) => {
    if (!MODULES.javascript.test(target)) return whole;
    const value = valueOf(name, "javascript");
    return value !== undefined && /^\w+$/.test(value) ? `${target}.${value}` : whole;
  });
  const names = new Map<string, string>();
  for (const m of text.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*([\w.]+)\s*(?=[;,\n)]|$)/g)) if (MODULES.javascript.test(m[2])) names.set(m[1], m[2]);
  // `const {rmSync, execSync: run} = child_process`.
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*([\w.]+)/g)) {
    if (!MODULES.javascript.test(m[2])) continue;
    for (const item of m[1].split(",")) {
      const parts = item.split(":").map((p) => p.trim());
      if (/^\w+$/.test(parts[0])) names.set(parts[1] && /^\w+$/.test(parts[1]) ? parts[1] : parts[0], `${m[2]}.${parts[0]}`);
    }
  }
  // A name bound to itself (`const fs = fs`) needs no renaming.
  for (const [from, to] of names) if (from === to) names.delete(from);
  return renameIdentifiers(text, "javascript", names);
}

/** The code with aliases replaced by the names they stand for, so the call tables see `shutil.rmtree(…)`. */
export function canonicalCode(language: Language, code: string): string {
  if (language === "python") return pythonAliases(code);
  if (language === "javascript") return javascriptAliases(code);
  // Ruby's `FileUtils.send(:rm_rf, Dir.home)` and `public_send` call the method they name.
  if (language === "ruby") return code.replace(/\.(?:public_)?send\(\s*:(\w+)\s*,?\s*/g, ".$1(");
  return code;
}

/**
 * A call whose name is computed at run time on a module that can run or delete (`getattr(os, name)(…)`,
 * `child_process[method](…)`, `FileUtils.send(m, …)`): guard cannot tell which function runs.
 */
export function computedMember(language: Language, code: string): string | undefined {
  const searchable = blankStrings(code, language);
  const patterns: Partial<Record<Language, RegExp>> = {
    python: /\bgetattr\(\s*(?:os|shutil|subprocess|pathlib|builtins|sys)\s*,/,
    javascript: /\b(?:fs|child_process|fse|process)\[[^\]]*\]\s*\(/,
    ruby: /\b(?:FileUtils|Kernel|File|Dir|IO|Open3)\.(?:public_)?send\(\s*[^:\s]/,
  };
  return patterns[language]?.exec(searchable)?.[0];
}
