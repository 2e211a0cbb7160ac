// Files that editors and filters rewrite in place or write as their output operand (ed, ex, vim -es, patch, git apply, uniq, sort -o, sponge, sqlite3 .output, awk -i inplace, split): what self-protection judges besides written.ts.
//
// Listed apart from written.ts because these writes matter for guard's own files and hook settings: an everyday
// `vim -es -c '%s/a/b/g' -c wq README.md` or `patch -p1 < fix.diff` in a project is not a destructive write elsewhere.
import { posix } from "node:path";
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { findOption, optionValues, type ParsedArgs } from "../shell/program-args";
import type { WrittenPath } from "./written";

const VIMS = new Set(["vi", "vim", "nvim", "gvim", "vim.basic", "vim.tiny", "vim.nox", "vim.gtk3"]);

function word(text: string, like: Word): Word {
  return { value: text, raw: text, dynamic: false, glob: false, span: like.span };
}

/** `-o FILE`, `--output=FILE`: attached values as words of their own. */
function optionWords(inv: Invocation, parsed: ParsedArgs, names: string[]): Word[] {
  return optionValues(parsed, inv, names).map((v) => (v.attached ? { ...v.word, value: v.value, raw: v.value, matchText: undefined } : v.word));
}

/** The files a unified or git diff creates or changes, with `strip` leading components removed (`-p1`). */
function patchedFiles(text: string, strip: number): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^(?:\+\+\+|---) ([^\t\n]+)|^diff --git a\/(\S+) b\/(\S+)$|^rename to (.+)$/gm)) {
    for (const raw of [m[1], m[3], m[4]]) {
      if (!raw || raw === "/dev/null") continue;
      const parts = raw.trim().split("/");
      out.add(parts.slice(Math.min(strip, parts.length - 1)).join("/"));
    }
    if (out.size > 1000) break;
  }
  return [...out];
}

/** The text of a patch a command reads: its stdin (a file, heredoc or here-string) or a file operand. */
function patchText(inv: Invocation, file: Word | undefined, ctx: EvalContext): string | undefined {
  if (file) return file.dynamic ? undefined : ctx.readFile?.(file.value);
  const stdin = inv.stdin;
  if (stdin?.kind === "heredoc") return stdin.text;
  if (stdin?.kind === "herestring") return stdin.word.dynamic ? undefined : stdin.word.value;
  if (stdin?.kind === "file") return stdin.path.dynamic ? undefined : ctx.readFile?.(stdin.path.value);
  return undefined;
}

/**
 * The files a patch writes, relative to `dir` (a word, `.` for the working directory). When the patch cannot be read,
 * any file under the directory, dot directories included, as patterns: in a project that names none of guard's
 * files (its `.claude/settings.json` aside), in home it does.
 */
function patchWrites(inv: Invocation, text: string | undefined, strip: number, dir: Word | undefined, ctx: EvalContext): WrittenPath[] {
  const base = dir && !dir.dynamic ? dir.value.replace(/^~(?=\/|$)/, ctx.home) : dir ? undefined : ".";
  const at = dir ?? inv.argv[0];
  if (text === undefined) {
    // Unread, it may name any file under home: judged there only (a project's `git diff | git apply` stays allowed).
    const where = base === undefined ? undefined : (inv.cwd ?? [ctx.cwd]).map((d) => (d === null ? undefined : posix.resolve(d, base)));
    if (!where?.some((w) => w !== undefined && (w === ctx.home || ctx.home.startsWith(w === "/" ? "/" : `${w}/`)))) return [];
    return [".*/**", ".*/.*/**"].map((rest) => ({ word: { ...word(posix.join(base ?? ".", rest), at), glob: true, anyName: true }, mode: "replace" as const }));
  }
  if (base === undefined) return [];
  return patchedFiles(text, strip).map((f) => ({ word: word(posix.join(base, f), at), mode: "replace" as const }));
}

function stripOf(parsed: ParsedArgs, inv: Invocation, fallback: number): number {
  const value = optionValues(parsed, inv, ["-p", "--strip"])[0]?.value;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : fallback;
}

/** Files rewritten in place or written as an output operand, beyond written.ts. */
export function editedPaths(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): WrittenPath[] {
  const pos = parsed.positionals;
  const replace = (words: Word[]): WrittenPath[] => words.map((w) => ({ word: w, mode: "replace" }));
  const program = inv.program;
  if (program === "ed" || program === "red" || program === "ex") return replace(pos);
  // vim's file operands are written by `-c wq`, `+wq`, a `-s` script or `-es` commands; only `-R`/view is read-only.
  if (VIMS.has(program)) return findOption(parsed, ["-R"]) ? [] : replace(pos.filter((w) => !w.value.startsWith("+")));
  switch (program) {
    case "uniq":
      return replace(pos.slice(1, 2));
    case "sort":
      return replace(optionWords(inv, parsed, ["-o", "--output"]));
    case "sponge":
      return replace(pos.slice(0, 1));
    case "split":
    case "csplit":
      // The output prefix names the files it writes (`split -b 1 f PREFIX` writes PREFIXaa…).
      return pos.length > 1 ? replace(pos.slice(-1).map((w) => (w.dynamic ? w : { ...w, value: `${w.value}*`, glob: true }))) : [];
    case "awk":
    case "gawk":
      return inv.argv.some((w, i) => (w.value === "-i" || w.value === "--include") && /^(?:inplace)$/.test(inv.argv[i + 1]?.value ?? "")) || inv.argv.some((w) => /^-iinplace$|^--include=inplace$/.test(w.value))
        ? replace(pos.slice(1))
        : [];
    case "sqlite3":
      // `.output FILE` and `.once FILE` in its arguments write FILE.
      return replace(inv.argv.slice(1).flatMap((w) => {
        const m = /^\s*\.(?:output|once|save|backup(?:\s+\S+)?)\s+(\S+)/.exec(w.value);
        return m && !w.dynamic ? [{ ...word(m[1].replace(/^(['"])(.*)\1$/, "$2"), w) }] : [];
      }));
    case "patch": {
      const outputs = optionWords(inv, parsed, ["-o", "--output"]);
      if (outputs.length) return replace(outputs);
      if (pos[0]) return replace(pos.slice(0, 1));
      const input = optionWords(inv, parsed, ["-i", "--input"])[0];
      const dir = optionWords(inv, parsed, ["-d", "--directory"])[0];
      return patchWrites(inv, patchText(inv, input, ctx), stripOf(parsed, inv, 0), dir, ctx);
    }
    case "git": {
      if (pos[0]?.value !== "apply" || findOption(parsed, ["--check", "--stat", "--numstat", "--summary", "--cached"])) return [];
      const dir = optionWords(inv, parsed, ["--directory"])[0];
      const files = pos.slice(1);
      if (!files.length) return patchWrites(inv, patchText(inv, undefined, ctx), stripOf(parsed, inv, 1), dir, ctx);
      return files.flatMap((f) => patchWrites(inv, patchText(inv, f, ctx), stripOf(parsed, inv, 1), dir, ctx));
    }
    default:
      return [];
  }
}
