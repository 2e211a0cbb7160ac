// The BASH_ENV script for `guard install bash`: a DEBUG trap that asks guard about each command and makes bash skip the refused ones.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { configDir } from "../core/user-dirs";
import type { InstallContext } from "./install-context";
import { guardInvocation } from "./hook-command";
import type { Scope } from "./integrations";

/** Where the script goes: guard's private config directory, or `.guard/` in the repository. */
export function bashEnvPath(scope: Scope, context: InstallContext): string {
  return scope === "user" ? join(configDir({ ...context.env, HOME: context.home }), "bash_env.sh") : join(context.repoRoot, ".guard", "bash_env.sh");
}

/*
 * How it works, and why each line is there (verified on bash 5.2):
 * - bash reads BASH_ENV when it starts without a terminal (`bash -c`, `bash -lc`, scripts), and nested
 *   shells inherit the variable, so every level loads the trap.
 * - Under `shopt -s extdebug`, a DEBUG trap that returns non-zero makes bash skip the command. extdebug is
 *   switched on by the trap's first run: set while bash reads BASH_ENV, it makes bash look for its debugger.
 * - extdebug also makes functions, subshells and command substitutions inherit the trap.
 * - bash runs no DEBUG trap for the trap's own commands, and `BASH_ENV=` keeps any bash that guard
 *   itself might start from loading the trap again.
 * - Function definitions never reach a DEBUG trap: the functions are read-only so no command can
 *   replace them, and commands that would remove the trap or extdebug are refused by their text.
 * - The check's output is captured and shown only for a refusal; its stdin is /dev/null so it can never
 *   read a script bash is reading from stdin.
 */
const SCRIPT = [
  "# guard: checks each command a non-interactive bash runs, before it runs. Written by `guard install bash`; remove with `guard uninstall bash`.",
  "# bash reads this file when BASH_ENV names it (`bash -c`, scripts; nested shells inherit BASH_ENV). A DEBUG trap asks guard about",
  "# each simple command; under `shopt -s extdebug` a failing trap makes bash skip it. extdebug is switched on by the trap's first run:",
  "# set here, while bash reads BASH_ENV, it would make bash look for its debugger. Read-only functions: loading twice stops at unset -f.",
  "if unset -f __guard_check __guard_start 2>/dev/null; then",
  "  __guard_check() {",
  "    # Plain assignments, not `local`: a function named `local` must not be able to change what is checked.",
  "    __guard_cmd=$BASH_COMMAND",
  "    __guard_rc=0",
  "    case $__guard_cmd in",
  "      # These run nothing themselves; a substitution inside them is trapped on its own.",
  "      '[['*|'(('*|'for '*|'case '*|:) ;;",
  "      *)",
  "        __guard_re_trap='(^|[^[:alnum:]_])trap([^[:alnum:]_]|$)'",
  "        __guard_re_off='(^|[[:space:]])(-[[:alpha:]]*u[[:alpha:]]*|[+][[:alpha:]]*)([[:space:]]|$)'",
  "        __guard_re_set='(^|[[:space:]])[+][[:alpha:]]*T[[:alpha:]]*([[:space:]]|$)'",
  "        __guard_re_env='^([[:alpha:]_][[:alnum:]_]*(\\[[^]]*\\])?[+]?=[^[:space:]]*[[:space:]]+)*(HOME|XDG_(CONFIG|STATE|CACHE|DATA)_HOME|GUARD_[[:alnum:]_]*|BASH_ENV|ZDOTDIR)(\\[[^]]*\\])?[+]?='",
  "        if [[ ( $__guard_cmd =~ $__guard_re_trap && $__guard_cmd == *[Dd][Ee][Bb][Uu][Gg]* ) || ( ( $__guard_cmd == *extdebug* || $__guard_cmd == *functrace* ) && $__guard_cmd =~ $__guard_re_off ) || $__guard_cmd =~ $__guard_re_set ]]; then",
  "          printf '%s\\n' \"guard: not run: this command would switch off guard's check of each command: $__guard_cmd\" >&2",
  "          __guard_rc=1",
  "        # An assignment to a variable guard reads its config from (HOME, XDG_*, GUARD_*, BASH_ENV, ZDOTDIR) would make",
  "        # every later check in this shell, and any shell it starts, read a config the command chose.",
  "        elif [[ $__guard_cmd =~ $__guard_re_env ]]; then",
  "          printf '%s\\n' \"guard: not run: this command changes a variable guard reads its configuration from: $__guard_cmd\" >&2",
  "          __guard_rc=1",
  "        else",
  "          # BASH_ENV emptied: a bash started by guard itself does not load this trap again.",
  "          __guard_out=$(BASH_ENV= NODE_OPTIONS= @GUARD@ check --source bash -- \"$__guard_cmd\" </dev/null 2>&1) || __guard_rc=$?",
  "          if [[ $__guard_rc -ne 0 ]]; then",
  "            printf '%s\\n' \"$__guard_out\" >&2",
  "            case $__guard_rc in",
  "              10) printf '%s\\n' \"guard: not run: this command needs a human's approval. Stop and ask the user to run it themselves; do not try another way.\" >&2 ;;",
  "              20) printf '%s\\n' \"guard: not run: guard denied this command. Do not try another way to do the same thing; ask the user.\" >&2 ;;",
  "              *) printf '%s\\n' \"guard: not run: guard could not check this command (exit $__guard_rc) and refuses what it cannot check. Ask the user to run guard doctor.\" >&2 ;;",
  "            esac",
  "          fi",
  "        fi ;;",
  "    esac",
  "    [[ $__guard_rc -eq 0 ]]",
  "  }",
  "  __guard_start() {",
  "    shopt -s extdebug",
  "    trap __guard_check DEBUG",
  "    __guard_check",
  "  }",
  "  readonly -f __guard_check __guard_start",
  "  trap __guard_start DEBUG",
  "fi",
  "",
].join("\n");

export function bashEnvScript(context: Pick<InstallContext, "nodePath" | "guardBin">): string {
  return SCRIPT.replace("@GUARD@", guardInvocation(context));
}

/**
 * The startup files that get the BASH_ENV block: ~/.profile and ~/.bashrc, and the file a login bash reads
 * instead of ~/.profile when there is one (~/.bash_profile, else ~/.bash_login), so `bash -lc` exports it too.
 */
export function bashStartupFiles(home: string): string[] {
  const login = [".bash_profile", ".bash_login"].find((name) => existsSync(join(home, name)));
  return [".profile", ".bashrc", ...(login ? [login] : [])].map((name) => join(home, name));
}

/** The block for ~/.profile and ~/.bashrc: every shell started from a login or a terminal passes BASH_ENV on. */
export function bashProfileBlock(scriptPath: string): string {
  return [
    "# Written by `guard install bash`: non-interactive bash (agents' `bash -c`, scripts) checks each command with guard. Remove with `guard uninstall bash`.",
    `export BASH_ENV=${shQuote(scriptPath)}`,
  ].join("\n");
}

function shQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}
