// Shell code produced by a command and then run (`eval "$(X)"`, `source <(X)`): known when X prints literal text or is a tool's own shell setup.
import { parseShell } from "./parse";
import { printedBy } from "./expand";

/**
 * Tools whose output is their own shell setup (environment, completion, hooks), with the first
 * argument that asks for it. `eval "$(ssh-agent -s)"` and `source <(kubectl completion bash)` are how
 * their documentation says to use them; their output is the tool's, not text the agent chose.
 */
const SHELL_SETUP: Record<string, readonly string[] | "any"> = {
  "ssh-agent": ["-s", "-c", ""],
  brew: ["shellenv"],
  kubectl: ["completion"],
  helm: ["completion"],
  gh: ["completion"],
  oc: ["completion"],
  minikube: ["completion"],
  kind: ["completion"],
  docker: ["completion"],
  npm: ["completion"],
  pnpm: ["completion"],
  rustup: ["completions"],
  deno: ["completions"],
  poetry: ["completions"],
  pip: ["completion"],
  pip3: ["completion"],
  direnv: ["hook"],
  starship: ["init"],
  zoxide: ["init"],
  atuin: ["init"],
  mcfly: ["init"],
  mise: ["activate", "env"],
  rtx: ["activate"],
  pyenv: ["init", "virtualenv-init"],
  rbenv: ["init"],
  nodenv: ["init"],
  goenv: ["init"],
  jenv: ["init"],
  fnm: ["env"],
  opam: ["env"],
  conda: ["shell.bash", "shell.zsh"],
  fzf: ["--bash", "--zsh"],
  thefuck: ["--alias"],
  dircolors: "any",
  keychain: ["--eval"],
  "register-python-argcomplete": "any",
};

/** The command text of a word that is exactly one substitution: `"$(X)"`, `$(X)`, `` `X` ``, `<(X)`. */
export function soleSubstitution(raw: string): string | undefined {
  const m = /^"?(?:\$\(|<\()([\s\S]*)\)"?$/.exec(raw) ?? /^"?`([\s\S]*)`"?$/.exec(raw);
  if (!m || (raw.startsWith('"') !== raw.endsWith('"'))) return undefined;
  return m[1];
}

export type GeneratedCode =
  /** The code is known: check it. */
  | { kind: "text"; text: string }
  /** A tool's own shell setup: nothing the agent wrote runs. */
  | { kind: "setup"; program: string }
  | { kind: "unknown" };

/** What shell code the command `text` produces, for `eval "$(text)"` and `source <(text)`. */
export function generatedCode(text: string): GeneratedCode {
  const parsed = parseShell(text);
  if (!parsed.ok) return { kind: "unknown" };
  const printed = printedBy(parsed.script);
  if (printed !== undefined) return { kind: "text", text: printed };
  const statements = parsed.script.commands;
  if (statements.length !== 1) return { kind: "unknown" };
  const pipeline = statements[0].command;
  const command = pipeline.type === "Pipeline" && pipeline.commands.length === 1 ? pipeline.commands[0] : pipeline;
  if (command.type !== "Command" || !command.name || command.prefix.length) return { kind: "unknown" };
  const words = [command.name, ...command.args];
  if (words.some((w) => w.type !== "Word" || (w.parts ?? []).some((p) => p.type !== "Literal" && p.type !== "SingleQuoted"))) return { kind: "unknown" };
  const program = command.name.value;
  const allowed = Object.prototype.hasOwnProperty.call(SHELL_SETUP, program) ? SHELL_SETUP[program] : undefined;
  const first = command.args[0]?.type === "Word" ? command.args[0].value : "";
  if (allowed === "any" || (allowed && allowed.includes(first))) return { kind: "setup", program };
  return { kind: "unknown" };
}
