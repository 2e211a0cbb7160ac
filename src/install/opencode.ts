// The OpenCode integration: a one-line plugin file in OpenCode's plugin directory that re-exports plugins/opencode.mjs of this checkout.
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { InstallContext } from "./install-context";
import type { FileEdit } from "./file-edit";
import { ownedFileEdit } from "./owned-file";
import type { Scope } from "./integrations";

/** plugins/opencode.mjs next to bin/guard. */
export function opencodePluginModule(context: Pick<InstallContext, "guardBin">): string {
  return resolve(dirname(context.guardBin), "..", "plugins", "opencode.mjs");
}

/** OpenCode loads every module in its plugins directories: `~/.config/opencode/plugins/` and `.opencode/plugins/`. */
export function opencodePluginPath(scope: Scope, context: InstallContext): string {
  return scope === "user"
    ? join(context.env.XDG_CONFIG_HOME || join(context.home, ".config"), "opencode", "plugins", "guard.js")
    : join(context.repoRoot, ".opencode", "plugins", "guard.js");
}

export function opencodeStub(context: Pick<InstallContext, "guardBin">): string {
  return [
    "// guard's OpenCode plugin. Written by `guard install opencode`; remove with `guard uninstall opencode`.",
    `export { GuardPlugin } from ${JSON.stringify(pathToFileURL(opencodePluginModule(context)).href)};`,
    "",
  ].join("\n");
}

export function opencodeEdit(scope: Scope, context: InstallContext): FileEdit {
  const path = opencodePluginPath(scope, context);
  return ownedFileEdit({
    path,
    content: opencodeStub(context),
    what: "guard's OpenCode plugin",
    mode: scope === "user" ? 0o600 : 0o644,
    foreign: `${path} exists and is not guard's; guard will not overwrite it. Move it away (or add \`export { GuardPlugin } from ${JSON.stringify(pathToFileURL(opencodePluginModule(context)).href)};\` to it yourself), then run this again.`,
  });
}
