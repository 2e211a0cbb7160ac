// Whether a bash pathname pattern (`~/.cla[u]de/s*.json`, `/tmp/pro@(j)`) can name a given path or a path under a template, without touching the filesystem.
import { GLOB_TEXT, globMatch } from "./glob";

/**
 * A path template, as segments: literal names, and `**` for any number of segments (`**` first: the
 * path may lie anywhere; `**` last: anything under it counts).
 */
export type PathTemplate = readonly string[];

/** Past this many segments a pattern is not worth matching: it is judged as possibly matching (fail closed). */
const MAX_SEGMENTS = 128;

export function segmentsOf(path: string): string[] {
  return path.split("/").filter((s) => s !== "" && s !== ".");
}

/**
 * One pattern segment against one name, as bash globs it: a leading dot only by an explicit dot
 * (dotglob is off by default), extglob groups understood, `!(…)` never a minimatch negation.
 */
function segmentMatches(name: string, pattern: string): boolean {
  if (!GLOB_TEXT.test(pattern)) return name === pattern;
  return globMatch(name, pattern, { nonegate: true, nocomment: true });
}

/**
 * Whether a wildcard segment is written for `name` rather than for any name: it must not also match a
 * decoy of the same shape (`qqqqqqqq.json` for `settings.json`). `build/*` and `*.json` are broad globs
 * that happen to match `opencode.json`; `.cla[u]de`, `g*` (for `guard`) and `agent-gu?rd` aim at the name.
 */
function aimsAt(name: string, pattern: string): boolean {
  if (!GLOB_TEXT.test(pattern)) return true;
  const decoy = name.replace(/[^.]+/, (run) => "q".repeat(run.length));
  return decoy === name || !segmentMatches(decoy, pattern);
}

/**
 * Whether some path matches both the bash pattern `pattern` (absolute, normalised except for its globs;
 * `**` read as globstar, the broader reading) and `template`. With `ancestor`, the pattern may also
 * stop short: it names a directory that holds a path of the template (`rm -rf ~/.c*` takes `~/.config/guard`).
 * With `aimed`, each wildcard segment must aim at the template's name (aimsAt), not merely cover it.
 */
export function patternMayMatch(pattern: string, template: PathTemplate, ancestor = false, aimed = false): boolean {
  const p = segmentsOf(pattern);
  if (p.length > MAX_SEGMENTS || template.length > MAX_SEGMENTS) return true;
  const rooted = template[0] !== "**";
  const seen = new Map<number, boolean>();
  const width = template.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = seen.get(key);
    if (known !== undefined) return known;
    seen.set(key, false);
    let result: boolean;
    if (i === p.length) result = template.slice(j).every((t) => t === "**") || (ancestor && i > 0 && j > 0);
    else if (j === template.length) result = p.slice(i).every((s) => s === "**");
    else if (template[j] === "**") result = go(i, j + 1) || go(i + 1, j);
    // globstar, like `*`, does not descend into dot directories (dotglob is off by default). Against a template that
    // may lie anywhere (`**\/bin/guard`) it stands for no names of its own: `build/**` does not name some `build/x/bin/guard`.
    else if (p[i] === "**") result = go(i + 1, j) || (rooted && !template[j].startsWith(".") && go(i, j + 1));
    else result = segmentMatches(template[j], p[i]) && (!aimed || aimsAt(template[j], p[i])) && go(i + 1, j + 1);
    seen.set(key, result);
    return result;
  };
  return go(0, 0);
}
