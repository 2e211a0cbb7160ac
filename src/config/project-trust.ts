// Whether a repository's guard files are trusted (`guard trust` recorded exactly their content), and the one-line notices that say so.
import { changedSince, readTrust, trustSignedPayload } from "./trust-store";
import { systemKeyPresent, verifySignature } from "../core/system-key";
import type { LooseningEntry } from "./loosening";

export interface TrustNotice {
  /** `untrusted`/`changed`: loosening ignored until `guard trust`; `ignored`: never taken from a project file; `deprecated`: an old rule id or pack name, still read. */
  kind: "untrusted" | "changed" | "ignored" | "deprecated";
  file: string;
  /** One line, ready to print. */
  message: string;
  /** How many entries this notice says are ignored. */
  ignored: number;
}

export interface ProjectTrust {
  root: string;
  /** `none`: no trust record; `changed`: a record, but the files differ; `trusted`: exactly the recorded content. */
  status: "none" | "changed" | "trusted";
  /** The current project files (relative to root, or absolute outside it) → sha256. */
  files: Record<string, string>;
  /** Files that differ from the record (status `changed`). */
  changed: string[];
  /** What the project's config loosens: applied only while trusted. */
  loosening: LooseningEntry[];
  /** What it tries to loosen that no project file may (guard's self-protection): never applied. */
  refused: LooseningEntry[];
  notices: TrustNotice[];
}

function entries(list: LooseningEntry[]): string {
  const shown = list.slice(0, 3).map((e) => `${e.key}: ${e.from} → ${e.to}`).join(", ");
  return list.length > 3 ? `${shown}, …` : shown;
}


/**
 * `digests` gives the current project files' sha256 by name; it is called only when there is a
 * record to compare them with, or when `files` is read (guard trust), since hashing the files is the
 * only reason to read them when their rules come from the cache.
 */
export function projectTrust(options: { root: string; digests: () => Record<string, string>; loosening: LooseningEntry[]; refused: LooseningEntry[]; env?: NodeJS.ProcessEnv }): ProjectTrust {
  const { root, loosening, refused } = options;
  let digests: Record<string, string> | undefined;
  const current = (): Record<string, string> => (digests ??= options.digests());
  const record = readTrust(root, options.env);
  // With the system key, only a record signed with it counts: a hand-written one is no trust at all.
  const valid = record && (!systemKeyPresent(options.env) || verifySignature(trustSignedPayload(record), record.sig, options.env)) ? record : undefined;
  const changed = valid ? changedSince(valid, current()) : [];
  const status: ProjectTrust["status"] = !valid ? "none" : changed.length ? "changed" : "trusted";
  const notices: TrustNotice[] = [];
  if (loosening.length && status !== "trusted") {
    const n = `${loosening.length} loosening ${loosening.length === 1 ? "entry" : "entries"}`;
    const what = status === "none"
      ? `.guard.yaml is not trusted: its ${n} ${loosening.length === 1 ? "is" : "are"} ignored`
      : changed.length === 1 && changed[0] === ".guard.yaml"
        ? `.guard.yaml changed since trusted: its ${n} ${loosening.length === 1 ? "is" : "are"} ignored`
        : `${changed.join(", ")} changed since trusted: the ${n} of .guard.yaml ${loosening.length === 1 ? "is" : "are"} ignored`;
    notices.push({ kind: status === "none" ? "untrusted" : "changed", file: ".guard.yaml", ignored: loosening.length, message: `${what} (${entries(loosening)}); run guard trust` });
  }
  if (refused.length) {
    notices.push({ kind: "ignored", file: ".guard.yaml", ignored: refused.length, message: `.guard.yaml cannot loosen guard's self-protection, trusted or not: ignored (${entries(refused)})` });
  }
  return {
    root, status, changed, loosening, refused, notices,
    get files() {
      return current();
    },
  };
}
