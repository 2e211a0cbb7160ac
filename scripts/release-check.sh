#!/usr/bin/env bash
# Release check: pack guard, install the tarball globally into a temporary prefix with no install scripts, and run the
# installed command the way a user would — nothing here may depend on the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.local/state" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME" "$work/project"

# The README's install section, exactly: pack (prepack builds dist/), then a global install that runs no scripts.
tarball=$(npm pack --silent --pack-destination "$work" | tail -1)
npm install -g --ignore-scripts --no-audit --no-fund --prefix "$prefix" "$work/$tarball" >/dev/null
size=$(wc -c <"$work/$tarball")
files=$(tar -tzf "$work/$tarball" | wc -l)
echo "release-check: $tarball, $files files, $((size / 1024)) KiB"

guard="$prefix/bin/guard"
cd "$work/project"          # away from the checkout: the installed package must stand alone
fail() { echo "release-check: FAILED: $*" >&2; exit 1; }

version=$("$guard" --version)
[ "$version" = "$(node -p "require('$OLDPWD/package.json').version")" ] || fail "--version printed '$version'"
echo "release-check: guard --version = $version"

"$guard" check 'git status' >/dev/null || fail "an allowed check did not exit 0"
set +e
"$guard" check 'railway volume delete -v vol_1 -y' >/dev/null
code=$?
set -e
[ "$code" = 20 ] || fail "a denied check exited $code, not 20"
echo "release-check: check allow → 0, deny → 20"

"$guard" install claude-code --dry-run >"$work/dry-run.txt" || fail "install claude-code --dry-run failed"
grep -q 'settings.json' "$work/dry-run.txt" || fail "install --dry-run printed no diff of settings.json"
[ ! -e "$HOME/.claude/settings.json" ] || fail "--dry-run wrote a file"
echo "release-check: install claude-code --dry-run shows a diff and writes nothing"

"$guard" doctor >"$work/doctor.txt" || fail "doctor exited non-zero on a clean HOME: $(cat "$work/doctor.txt")"
grep -q "$version" "$work/doctor.txt" || fail "doctor does not print the version"
echo "release-check: doctor ok"

# No file of the install may have been written by an install script, and no cache may ship in the tarball.
if tar -tzf "$work/$tarball" | grep -qE '\.cache$|^package/(src|test|scripts)/'; then fail "the tarball ships build caches or sources"; fi
echo "release-check: passed"
