// Build tools' clean commands whose output directory is an option: `cargo clean --target-dir ~` deletes ~, so the value is a delete target.
import type { Invocation, Word } from "../shell/model";

/** The value words of `--name VALUE` and `--name=VALUE` (also `-DNAME=VALUE` when `name` ends in `=`). */
function optionValues(inv: Invocation, names: readonly string[]): Word[] {
  const out: Word[] = [];
  const argv = inv.argv;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i];
    if (w.value === "--") break;
    for (const name of names) {
      if (!name.endsWith("=") && w.value === name && argv[i + 1]) out.push(argv[i + 1]);
      const prefix = name.endsWith("=") ? name : `${name}=`;
      if (w.value.startsWith(prefix) && w.value.length > prefix.length) {
        const rawAt = w.raw.indexOf("=");
        // The word after `=`: bash expands no `~` there, but a `$HOME` in it stays an expansion.
        out.push({ ...w, value: w.value.slice(prefix.length), raw: rawAt >= 0 ? w.raw.slice(rawAt + 1) : w.value.slice(prefix.length), shellText: undefined, matchText: undefined, candidates: undefined });
      }
    }
  }
  return out;
}

/** Whether the words before `--` include `verb` as a plain word (`cargo clean`, `mvn clean install`, `yarn cache clean`). */
function hasVerb(inv: Invocation, ...verbs: string[]): boolean {
  const words = inv.argv.slice(1).filter((w) => !w.dynamic).map((w) => w.value);
  const end = words.indexOf("--");
  return verbs.every((v) => (end < 0 ? words : words.slice(0, end)).includes(v));
}

/** Maven and Gradle properties that name the build directory a clean deletes (`-DbuildDirectory=…`, `-PbuildDir=…`). */
function buildDirProperties(inv: Invocation, flag: "-D" | "-P"): Word[] {
  const names = inv.argv
    .filter((w) => w.value.startsWith(flag) && /^[-DP][\w.]*(?:build\.?dir(?:ectory)?|output\.?dir(?:ectory)?|target\.?dir(?:ectory)?)=/i.test(w.value.slice(1)))
    .map((w) => w.value.slice(0, w.value.indexOf("=") + 1));
  return optionValues(inv, [...new Set(names)]);
}

/**
 * The directories a build tool's clean deletes because an option names them, as `{word, recursive}`:
 * recursive when the tool removes the whole directory, not only the files it built there.
 */
export function cleanedOutputs(inv: Invocation): { word: Word; recursive: boolean }[] {
  const all = (words: Word[], recursive = true) => words.map((word) => ({ word, recursive }));
  switch (inv.program) {
    case "cargo":
      // `cargo clean` removes the whole target directory.
      return hasVerb(inv, "clean") ? all(optionValues(inv, ["--target-dir"])) : [];
    case "mvn":
    case "mvnw":
      // maven-clean-plugin deletes the build directory the properties point at.
      return hasVerb(inv, "clean") ? all(buildDirProperties(inv, "-D")) : [];
    case "gradle":
    case "gradlew":
      return hasVerb(inv, "clean") ? all([...buildDirProperties(inv, "-P"), ...buildDirProperties(inv, "-D")]) : [];
    case "dotnet":
      // dotnet clean deletes the files the build wrote into the output directory, not the directory.
      return hasVerb(inv, "clean") ? all(optionValues(inv, ["-o", "--output"]), false) : [];
    case "yarn":
      // yarn 1's cache clean empties the cache folder it is given.
      return hasVerb(inv, "cache", "clean") ? all(optionValues(inv, ["--cache-folder"])) : [];
    case "bazel":
    case "bazelisk":
      // `clean --expunge` deletes the whole output base.
      return hasVerb(inv, "clean") && inv.argv.some((w) => w.value === "--expunge" || w.value === "--expunge_async") ? all(optionValues(inv, ["--output_base", "--output_user_root"])) : [];
    default:
      return [];
  }
}

/** The programs cleanedOutputs reads. */
export const CLEANERS = ["cargo", "mvn", "mvnw", "gradle", "gradlew", "dotnet", "yarn", "bazel", "bazelisk"] as const;
