// Target class for `git config KEY VALUE` that switches a git safety off for every later command (`clean.requireForce false`).
import type { Invocation, Word } from "../shell/model";
import { gitConfigSettings } from "../shell/git-config";
import { switchesOffSafety } from "../shell/git-setting-flags";

type GitSettingClass = (positionals: Word[], inv: Invocation) => Word[] | boolean;

export const GIT_SETTING_CLASSES: Record<string, GitSettingClass> = {
  /**
   * The values of `git config [scope] KEY VALUE` for a key that stands for a safety option (git-setting-flags.ts):
   * afterwards a plain `git clean -d` deletes, and guard, which sees only that command, could not tell.
   * A dynamic value might be the one that switches it off.
   */
  "disables-git-safety": (_p, inv) =>
    gitConfigSettings(inv.argv).filter((s) => s.value.dynamic || switchesOffSafety(s.key, s.value.value)).map((s) => s.value),
};
