// The ~/.zshenv block for `guard install zsh`: a TRAPDEBUG that asks guard about each command and makes zsh skip the refused ones.
import { join } from "node:path";
import type { InstallContext } from "./install-context";
import { guardInvocation } from "./hook-command";

/** zsh reads `$ZDOTDIR/.zshenv` (default `~/.zshenv`) first, for every zsh, `zsh -c` included. */
export function zshenvPath(context: Pick<InstallContext, "home" | "env">): string {
  return join(context.env.ZDOTDIR || context.home, ".zshenv");
}

/*
 * How it works, and why each line is there (verified on zsh 5.9):
 * - zsh runs TRAPDEBUG before each command (DEBUG_BEFORE_CMD, on by default) with the command's text in
 *   ZSH_DEBUG_CMD. The unit is the whole sublist (`a && b` is one) and a compound command comes whole
 *   (a function definition with its body, an `if` with its branches) before each command inside it.
 * - ERR_EXIT set inside the trap makes zsh skip that command without exiting; the shell goes on with the
 *   next one, and `$?` stays what it was before the skipped command.
 * - LOCAL_OPTIONS (on in any function that ran `emulate -L`) would restore ERR_EXIT when the trap returns,
 *   and the command would run: the trap switches it off first.
 * - Only shells without a terminal: agents' `zsh -c` and scripts. Nested zsh inherits ZDOTDIR and loads it too.
 * - zsh runs no DEBUG trap for the trap's own commands, and `BASH_ENV=` keeps any bash guard starts from
 *   loading guard's bash trap. Unlike bash, zsh shows function definitions to the trap, so commands that
 *   would redefine or remove the trap or the builtins it uses are refused by their text.
 * - HOME, XDG_*_HOME, GUARD_*, ZDOTDIR and BASH_ENV as the shell started are written into the trap's own
 *   text (defined through `functions[TRAPDEBUG]` from a body function, before any trap exists). zsh sets a
 *   variable in more ways than a text check can list (`X=…` anywhere in a sublist, typeset, read, print -v,
 *   `${X::=…}`), and guard reads its config from these: once they differ, nothing more runs in that shell.
 */
/**
 * The exported variables guard reads its configuration from, with their values, as one text (`export HOME=/home/u
 * export -r GUARD_X=1`). Only exported ones reach guard: a profile's unexported `XDG_CONFIG_HOME=…` changes nothing.
 */
const SIGNATURE = `\${(j: :)\${(M)\${(f)"$(builtin typeset -p -m HOME 'XDG_*_HOME' 'GUARD_*' ZDOTDIR BASH_ENV 2>/dev/null)"}:#export *}}`;

const BLOCK = [
  "# Written by `guard install zsh`: non-interactive zsh (agents' `zsh -c`, scripts) asks guard about each command and skips the ones it refuses.",
  "# Remove with `guard uninstall zsh`. TRAPDEBUG runs before each command; ERR_EXIT set inside it makes zsh skip that command.",
  "if [[ ! -o interactive ]]; then",
  "  __guard_trapdebug_body() {",
  "    local __guard_cmd=$ZSH_DEBUG_CMD __guard_out= __guard_rc=0",
  `    local __guard_env=${SIGNATURE}`,
  "    # zsh option names ignore case and underscores: compare the text the same way.",
  "    local __guard_flat=${${(L)__guard_cmd}//_/}",
  "    local __guard_re='(^|[^[:alnum:]-])(builtin|command|setopt|unsetopt|print|local|emulate|disable)[[:space:]]*[(][[:space:]]*[)]|function[[:space:]]+(builtin|command|setopt|unsetopt|print|local|emulate|disable)([^[:alnum:]-]|$)|(^|[[:space:];&|])disable([[:space:]]|$)|functions[[]'",
  "    if [[ $__guard_flat == *trapdebug* || $__guard_flat == *debugbeforecmd* || ( $__guard_flat == *trap* && $__guard_flat == *debug* ) || $__guard_flat =~ $__guard_re ]]; then",
  "      builtin print -ru2 -- \"guard: not run: this command would switch off guard's check of each command: $__guard_cmd\"",
  "      __guard_rc=1",
  "    elif [[ $__guard_env != \"${__guard_env0-unset}\" ]]; then",
  "      builtin print -ru2 -- \"guard: not run: a variable guard reads its configuration from (HOME, XDG_*_HOME, GUARD_*, ZDOTDIR, BASH_ENV) was changed in this shell; start a new shell: $__guard_cmd\"",
  "      __guard_rc=1",
  "    else",
  "      __guard_out=$(BASH_ENV= NODE_OPTIONS= @GUARD@ check --source zsh -- \"$__guard_cmd\" </dev/null 2>&1) || __guard_rc=$?",
  "      if (( __guard_rc != 0 )); then",
  "        builtin print -ru2 -- \"$__guard_out\"",
  "        case $__guard_rc in",
  "          10) builtin print -ru2 -- \"guard: not run: this command needs a human's approval. Stop and ask the user to run it themselves; do not try another way.\" ;;",
  "          20) builtin print -ru2 -- \"guard: not run: guard denied this command. Do not try another way to do the same thing; ask the user.\" ;;",
  "          *) builtin print -ru2 -- \"guard: not run: guard could not check this command (exit $__guard_rc) and refuses what it cannot check. Ask the user to run guard doctor.\" ;;",
  "        esac",
  "      fi",
  "    fi",
  "    if (( __guard_rc != 0 )); then",
  "      builtin unsetopt LOCAL_OPTIONS",
  "      builtin setopt ERR_EXIT",
  "    fi",
  "  }",
  "  # One sublist, run before any trap exists. The body function's name flattens to *trapdebug*, so commands cannot name it.",
  "  # Without zsh/parameter there is no functions[]: the trap then has no baseline and refuses every command (fail closed).",
  `  functions[TRAPDEBUG]="local __guard_env0=\${(q)${SIGNATURE}}`,
  '$functions[__guard_trapdebug_body]" && [[ -n ${functions[TRAPDEBUG]-} ]] || TRAPDEBUG() { __guard_trapdebug_body; }',
  "fi",
].join("\n");

export function zshBlock(context: Pick<InstallContext, "nodePath" | "guardBin">): string {
  return BLOCK.replace("@GUARD@", guardInvocation(context));
}
