#!/usr/bin/env bash
# The first hour of a new user, replayed in a temporary HOME: a fresh clone, the README's install and quick start exactly as
# written, the Claude Code hook answering a denied and an allowed call, and guard log --summary. Run by CI.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.local/state" XDG_CACHE_HOME="$work/home/.cache"
unset GUARD_CONFIG GUARD_AUDIT_LOG GUARD_AGENT
# `npm install -g` from the README lands in a temporary prefix, whose bin/ comes first on PATH.
export npm_config_prefix="$work/prefix" PATH="$work/prefix/bin:$PATH"
mkdir -p "$HOME/.claude"     # a machine where Claude Code has been used
fail() { echo "first-hour: FAILED: $*" >&2; exit 1; }
step() { echo "first-hour: $*"; }

# The commands of a README section's first ```sh block, one per line, comments kept (they say the expected exit code).
section() {
  awk -v h="## $1" '$0 == h {on=1; next} on && /^## / {exit} on && /^```sh$/ {code=1; next} on && code && /^```$/ {exit} on && code {print}' "$repo/README.md"
}

git clone -q "$repo" "$work/clone"
cd "$work/clone"
step "cloned $(git rev-parse --short HEAD)"

# Install, from a checkout: the README line that starts with npm ci.
install_line=$(awk '/^```sh$/ {code=1; next} /^```$/ {code=0} code && /^npm ci && npm install -g/ {print; exit}' "$repo/README.md")
[ -n "$install_line" ] || fail "the README has no checkout install line"
step "\$ $install_line"
bash -c "$install_line" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "the README install line failed"; }
[ "$(command -v guard)" = "$work/prefix/bin/guard" ] || fail "guard is not the installed one: $(command -v guard)"

# The quick start, line by line, in a project directory. `# … exit N` says which exit code is expected;
# guard init gets --yes, as it has no terminal to confirm at.
mkdir -p "$work/project" && cd "$work/project" && git init -q
quick=$(section "Quick start")
[ -n "$quick" ] || fail "the README has no Quick start block"
while IFS= read -r line; do
  [ -n "$line" ] || continue
  command=${line%%#*}
  expected=$(printf '%s' "$line" | sed -n 's/.*# .*exit \([0-9][0-9]*\).*/\1/p')
  case "$command" in guard\ init*) command="${command/guard init/guard init --yes}" ;; esac
  step "\$ $command"
  set +e
  bash -c "$command" >"$work/out.txt" 2>&1
  code=$?
  set -e
  cat "$work/out.txt" | sed 's/^/    /' | head -20
  [ "$code" = "${expected:-0}" ] || fail "'$command' exited $code, expected ${expected:-0}"
done <<<"$quick"

# The hook guard init installed, run the way Claude Code runs it: the command string from settings.json.
hook=$(node -e 'const s=require(process.argv[1]); console.log(s.hooks.PreToolUse.find((e)=>e.hooks.some((h)=>/ hook claude-code/.test(h.command))).hooks[0].command)' "$HOME/.claude/settings.json")
call() { printf '{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":%s},"cwd":"%s","session_id":"first-hour"}' "$1" "$work/project" | sh -c "$hook"; }
denied=$(call '"railway volume delete -v vol_1 -y"') || true
printf '%s' "$denied" | grep -q '"permissionDecision":"deny"' || fail "the hook did not deny the incident: $denied"
step "hook: railway volume delete → deny"
allowed=$(call '"git status"')
printf '%s' "$allowed" | grep -q 'permissionDecision' && fail "the hook answered for git status instead of leaving it to Claude Code: $allowed"
step "hook: git status → no opinion (Claude Code's own permissions apply)"

summary=$(guard log --summary)
printf '%s\n' "$summary" | sed 's/^/    /' | head -12
printf '%s' "$summary" | grep -q "claude-code" || fail "guard log --summary does not show the hook's calls"
step "passed"
