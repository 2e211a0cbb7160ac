// Recognises the argv forms of `guard check` and `guard hook AGENT` that main can run without building the commander tree; anything else goes to the full CLI.
import type { CheckFlags } from "./check-command";

export type FastCommand = { kind: "check"; args: string[]; flags: CheckFlags } | { kind: "hook"; args: string[] };

/** Options of `guard check` that take no value, by flag name. */
const BOOLEAN_FLAGS = { "--json": "json", "--batch": "batch", "--snapshot": "snapshot" } as const;
/** Options of `guard check` that take a value, by flag name. */
const VALUE_FLAGS = { "--cwd": "cwd", "--source": "source" } as const;

/**
 * The `check` options commander would parse, or undefined when the arguments use anything else
 * (help, a repeated or unknown option, `--opt=value`, a value that looks like an option), so that
 * commander decides those and prints its own errors. `check` passes through everything after its first
 * operand, and `--` ends its options, exactly as commander's passThroughOptions does.
 */
function parseCheck(rest: string[]): FastCommand | undefined {
  const flags: CheckFlags = {};
  let i = 0;
  for (; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (arg.length < 2 || arg[0] !== "-") break;
    if (arg === "--json" || arg === "--batch" || arg === "--snapshot") {
      const key = BOOLEAN_FLAGS[arg];
      if (flags[key]) return undefined;
      flags[key] = true;
      continue;
    }
    if (arg === "--cwd" || arg === "--source") {
      const key = VALUE_FLAGS[arg];
      const value = rest[i + 1];
      if (flags[key] !== undefined || value === undefined || value.startsWith("-")) return undefined;
      flags[key] = value;
      i++;
      continue;
    }
    return undefined;
  }
  return { kind: "check", args: rest.slice(i), flags };
}

/** `guard check …` and `guard hook AGENT` in the forms above; undefined sends argv to commander. */
export function fastCommand(argv: string[]): FastCommand | undefined {
  const [command, ...rest] = argv.slice(2);
  if (command === "check") return parseCheck(rest);
  // One plain agent name: other shapes (no agent, extra arguments) get the full command's refusals.
  if (command === "hook" && rest.length === 1 && !rest[0].startsWith("-")) return { kind: "hook", args: rest };
  return undefined;
}
