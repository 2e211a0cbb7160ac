// Whether what a command destroys is gone: deleted outright, or moved or archived only into /dev/null or a temp directory.
import type { Invocation, Word } from "../shell/model";
import type { EvalContext } from "../core/eval-context";
import { optionValues, type ParsedArgs } from "../shell/program-args";
import { archiveSources, losesContent } from "./destroyed";
import { absolutePath, isTempRoot, zonesOfWord } from "./zones";

/**
 * Where a program that keeps what it removes puts it: mv's destination, the archive of `tar --remove-files`,
 * `zip -m` and `7z -sdel`. Undefined when the program keeps nothing elsewhere or guard cannot name the place.
 */
function keptIn(inv: Invocation, parsed: ParsedArgs): Word | undefined {
  const pos = parsed.positionals;
  switch (inv.program) {
    case "mv": {
      const target = optionValues(parsed, inv, ["-t", "--target-directory"])[0];
      return target ? { ...target.word, value: target.value } : pos.at(-1);
    }
    case "tar":
    case "bsdtar": {
      const file = optionValues(parsed, inv, ["-f", "--file"])[0];
      if (file) return { ...file.word, value: file.value };
      // Old style (`tar cf ARCHIVE --remove-files x`): the archive is the word after the letters.
      const sources = archiveSources(inv, parsed);
      return sources.length < pos.length && /f/.test(pos[0]?.value ?? "") ? pos[1] : undefined;
    }
    case "zip":
      return pos[0];
    case "7z":
    case "7za":
    case "7zz":
      return pos[1];
    default:
      return undefined;
  }
}

/**
 * The content is gone once the command has run: its program deletes it (rm, find -delete, truncate…), or it only
 * keeps it in the bit bucket (`tar -cf /dev/null --remove-files src`) or a temp directory the system empties
 * (`mv notes /tmp/`, `zip -m /tmp/a.zip src`): out of the project, and out of anything a user would look in.
 */
export function discardsContent(inv: Invocation, parsed: ParsedArgs, ctx: EvalContext): boolean {
  if (losesContent(inv)) return true;
  const place = keptIn(inv, parsed);
  if (place === undefined || place.dynamic) return false;
  if (place.value === "/dev/null") return true;
  // `mv notes /tmp/` lands in the temp directory itself, `mv notes /tmp/old` below it.
  return zonesOfWord(place, inv.cwd, ctx).includes("temp") || (inv.cwd ?? [ctx.cwd]).some((dir) => {
    const abs = absolutePath(place, dir, ctx);
    return abs !== undefined && isTempRoot(abs, ctx);
  });
}
