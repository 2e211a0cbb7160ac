// The `sandbox:` config key: parsed per layer, and combined so that a project file (which an agent can edit) only tightens.

export type SandboxMode = "off" | "on" | "required";

export interface SandboxSettings {
  /** off: no walls. on: walls when bwrap works here, else run without them (with a note). required: no walls, no run. */
  mode: SandboxMode;
  /** More writable paths (absolute or `~/…`). */
  write: string[];
  network: "on" | "off";
  /** Set when a config file chose the mode: only then is running without walls worth a line on every command. */
  chosen?: boolean;
}

/**
 * On by default: measured on everyday project work (build, test, git, package installs into the
 * project, network fetches), nothing changes inside the walls; what stops is writing outside the
 * tree, temp and caches (docs/containment.md). Where bwrap cannot run, commands run as before.
 */
export const DEFAULT_SANDBOX: SandboxSettings = { mode: "on", write: [], network: "on" };


const MODES: readonly SandboxMode[] = ["off", "on", "required"];

/** `sandbox: {mode, write, network}`; errors are pushed as config messages. */
export function parseSandbox(value: unknown, layer: "system" | "user" | "project", errors: string[]): Partial<SandboxSettings> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    errors.push("sandbox must be {mode: off|on|required, write: [paths], network: on|off}");
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const out: Partial<SandboxSettings> = {};
  for (const key of Object.keys(v)) if (!["mode", "write", "network"].includes(key)) errors.push(`unknown sandbox key \`${key}\` (known: mode, write, network)`);
  if (v.mode !== undefined) {
    if (!MODES.includes(v.mode as SandboxMode)) errors.push("sandbox.mode must be off, on or required");
    else if (layer === "project" && v.mode === "off") errors.push("sandbox.mode: off is not allowed in the project file: a project may only switch the sandbox on");
    else out.mode = v.mode as SandboxMode;
  }
  if (v.write !== undefined) {
    if (!Array.isArray(v.write) || v.write.some((p) => typeof p !== "string" || p === "")) errors.push("sandbox.write must be a list of paths");
    else if (layer === "project") errors.push("sandbox.write can only be set in your user config: it opens a path to writes");
    else out.write = v.write as string[];
  }
  if (v.network !== undefined) {
    // YAML reads a bare on/off as a string here (yaml 1.2), and true/false as booleans: both are accepted.
    const network = v.network === true ? "on" : v.network === false ? "off" : v.network;
    if (network !== "on" && network !== "off") errors.push("sandbox.network must be on or off (limiting it to hosts needs a proxy guard does not ship on Node 20)");
    else if (layer === "project" && network === "on") errors.push("sandbox.network: on is not allowed in the project file: a project may only switch the network off");
    else out.network = network;
  }
  return out;
}

const stricterMode = (a: SandboxMode, b: SandboxMode): SandboxMode => (MODES.indexOf(a) >= MODES.indexOf(b) ? a : b);

/**
 * One layer onto the combined settings: the user file sets (it is the person's own choice), the project
 * file and the system policy only tighten — a stricter mode, the network off. The system policy's
 * write list is added (an administrator's choice); the project's never is (refused when parsed).
 */
export function mergeSandbox(out: SandboxSettings, layerValue: Partial<SandboxSettings> | undefined, layer: "system" | "user" | "project"): SandboxSettings {
  if (!layerValue) return out;
  const chosen = out.chosen || layerValue.mode !== undefined;
  if (layer === "user") return { mode: layerValue.mode ?? out.mode, write: layerValue.write ?? out.write, network: layerValue.network ?? out.network, chosen };
  return {
    chosen,
    mode: layerValue.mode ? stricterMode(out.mode, layerValue.mode) : out.mode,
    write: layer === "system" && layerValue.write ? [...out.write, ...layerValue.write] : out.write,
    network: layerValue.network === "off" ? "off" : out.network,
  };
}

export function defaultSandbox(): SandboxSettings {
  return { ...DEFAULT_SANDBOX, write: [] };
}
