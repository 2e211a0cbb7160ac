# Sourced by guard-shell and guard-prefix: sets $guard_root and $guard_node without looking anything up on PATH.
# An agent can put an executable `node` (or `dirname`, `readlink`) in ~/.local/bin, first on PATH; these
# scripts run only programs named by absolute path. node is, in order: the one recorded in dist/node-path
# (by the build and by `guard install`), node beside a global npm install (<prefix>/bin/node), or the system's.
guard_self=$(/usr/bin/readlink -f -- "$0" 2>/dev/null || /bin/readlink -f -- "$0") || exit 126
guard_root=${guard_self%/bin/*}
guard_node=
if [ -r "$guard_root/dist/node-path" ]; then
  IFS= read -r guard_node < "$guard_root/dist/node-path" || guard_node=
fi
case $guard_node in /*) ;; *) guard_node= ;; esac
if [ -z "$guard_node" ] || [ ! -x "$guard_node" ]; then
  guard_node=
  for guard_try in "${guard_root%/lib/node_modules/*}/bin/node" /usr/local/bin/node /usr/bin/node /opt/homebrew/bin/node; do
    case $guard_try in /*) ;; *) continue ;; esac
    if [ -x "$guard_try" ]; then guard_node=$guard_try; break; fi
  done
fi
if [ -z "$guard_node" ]; then
  echo "guard: no node found for $guard_self (it does not search PATH); run \`guard install\` once with the node you use, or ask the user to." >&2
  exit 126
fi
