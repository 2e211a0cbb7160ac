// `profile: strict`: a command runs without a human only when every command in it is known to be harmless.
import type { Invocation } from "../shell/model";
import { parseArgs } from "../shell/program-args";
import { globMatch } from "../core/glob";
import { readOnlyInvocation } from "../rules/harmless";
import type { Ruleset } from "../rules/ruleset";
import type { Verdict } from "./evaluate";
import type { Finding } from "../core/finding";
import { decide } from "./decide";
import type { ProblemRule } from "./problems";

/** Why strict asks about a command: one id per reason, so `guard scan` can count them. */
export type StrictReason = "not-known-harmless" | "writes-file" | "runs-elsewhere" | "project-script";

export const STRICT_RULES: Record<StrictReason, ProblemRule> = {
  "not-known-harmless": {
    id: "guard.strict-not-known-harmless", action: "ask", severity: "medium",
    message: "Strict profile: this command is not on the list of known-harmless commands.",
    why: "Under `profile: strict` a command runs without a human only when guard knows it only reads (ls, cat, grep, git status, kubectl get…) or is the project's own build or test script.",
    instead: "Ask the user to approve it, or ask them to add it to `known_harmless` in their guard config.",
  },
  "writes-file": {
    id: "guard.strict-writes-file", action: "ask", severity: "medium",
    message: "Strict profile: the command writes its output into a file.",
    why: "Under `profile: strict` only commands that change nothing run unattended; a redirection creates or overwrites a file.",
    instead: "Print the output instead, or ask the user to approve the write.",
  },
  "runs-elsewhere": {
    id: "guard.strict-runs-elsewhere", action: "ask", severity: "medium",
    message: "Strict profile: the command runs as another user or on another machine (sudo, ssh, docker/kubectl exec…).",
    why: "Under `profile: strict` nothing runs with other privileges or on other machines without a human.",
    instead: "Ask the user to approve it.",
  },
  "project-script": {
    id: "guard.strict-project-script", action: "ask", severity: "medium",
    message: "Strict profile: the project script is not a build, test or lint script.",
    why: "Under `profile: strict` the project's own build and test scripts run unattended once guard has read them; other scripts (deploy, release, db:*) ask.",
    instead: "Ask the user to approve it, or add the script to `known_harmless`.",
  },
};

/** Script names that build, test or check the project: `npm test`, `npm run build:prod`, `make lint`. */
const BUILD_TEST_SCRIPT = /^(?:test|tests|build|lint|check|typecheck|type-check|types|format|fmt|compile|all|default|dev|start|bench|coverage|verify|ci|prepare|pretest|posttest|prebuild|postbuild)(?:[:._-].*)?$/i;

/** Toolchain commands that build or test the project: `cargo test`, `go build ./...`, `pytest`, `tsc`. */
const BUILD_TEST_PATHS: Record<string, string[] | true> = {
  cargo: ["build", "b", "test", "t", "check", "c", "clippy", "fmt", "doc", "bench", "run", "r", "nextest"],
  go: ["build", "test", "vet", "fmt", "run", "generate"],
  dotnet: ["build", "test", "format", "run"],
  mvn: ["test", "verify", "compile", "package", "validate", "install"],
  mvnw: ["test", "verify", "compile", "package", "validate"],
  gradle: ["build", "test", "check", "assemble", "compileJava", "lint"],
  gradlew: ["build", "test", "check", "assemble", "compileJava", "lint"],
  swift: ["build", "test"],
  mix: ["test", "compile", "format", "credo"],
  deno: ["test", "check", "lint", "fmt"],
  bun: ["test"],
  pytest: true, "py.test": true, tox: true, nox: true, tsc: true, eslint: true, prettier: true, jest: true, vitest: true, mocha: true,
  rspec: true, ruff: true, mypy: true, pyright: true, black: true, flake8: true, pylint: true, isort: true, ctest: true, shellcheck: true,
  rubocop: true, golangci: true, "golangci-lint": true, biome: true, stylelint: true, phpunit: true, phpstan: true,
};

/** `python -m pytest`: modules that test or check the project. */
const PYTHON_MODULES = new Set(["pytest", "unittest", "mypy", "black", "ruff", "flake8", "pylint", "isort", "pyright", "tox", "nox", "doctest"]);

const SCRIPT_RUNNERS = new Set(["npm", "pnpm", "yarn", "bun"]);

/** Package-manager commands that are not scripts: `npm install` changes node_modules, it does not run a project script. */
const RUNNER_BUILTINS = new Set(["install", "i", "ci", "add", "update", "up", "upgrade", "remove", "rm", "uninstall", "un", "publish",
  "unpublish", "link", "unlink", "exec", "x", "dlx", "create", "init", "pack", "version", "login", "logout", "config", "set", "cache",
  "prune", "dedupe", "audit", "outdated", "ls", "list", "why", "info", "view", "owner", "dist-tag", "deprecate", "token", "access",
  "rebuild", "import", "patch", "global", "workspace", "workspaces", "store", "env", "setup", "help", "doctor", "fund", "explain"]);

/**
 * Wrappers whose command guard extracts and judges on its own (`npx tsc`, `sudo ls`, `xargs grep`): the wrapper itself
 * adds nothing, the command inside decides.
 */
const WRAPPERS = new Set(["npx", "bunx", "pnpx", "uvx", "sudo", "doas", "env", "time", "nice", "ionice", "timeout", "nohup", "xargs",
  "exec", "command", "builtin", "stdbuf", "chronic", "caffeinate"]);
/** Shells and eval: guard extracts the code they run (`bash -c`, `| sh`, `eval`, a script it can read) or asks because it cannot. */
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh", "mksh", "ash", "busybox", "eval", "source", "."]);
const WRAPPER_PATHS: Record<string, string[]> = { pnpm: ["exec", "dlx"], yarn: ["dlx", "exec"], bundle: ["exec"], poetry: ["run"], uv: ["run"], pipenv: ["run"] };

/** Shell builtins that change only the shell's own state: `cd src`, `export X=1`, `alias ll=…`. */
const SHELL_STATE = new Set(["cd", "pushd", "popd", "dirs", "export", "alias", "unalias", "unset", "local", "declare", "typeset", "readonly",
  "set", "shopt", "setopt", "unsetopt", "read", "wait", "exit", "return", "shift", "jobs", "fg", "bg", "history", "hash", ":", "true",
  "false", "let", "getopts", "trap", "ulimit", "complete", "compdef", "bindkey", "clear", "reset", "tput", "stty", "sleep"]);
const MAKE = new Set(["make", "gmake", "just"]);

/** Wrappers that run the command as someone else or somewhere else. */
const ELSEWHERE = /^(?:sudo|doas|su|runuser|pkexec|ssh|mosh|docker|podman|kubectl|oc|railway|heroku|fly|flyctl|render|gcloud|az|aws|vagrant|lxc|incus)\b/;

/** Project-script wrappers (`npm test`, `make`) whose inner commands are judged by the script's name, on the top-level command. */
const SCRIPT_VIA = /^(?:npm|pnpm|yarn|bun|make|gmake|just)\b/;

/** Whether `pattern` (words, each a glob) is a prefix of the invocation's literal argv: `terraform plan` matches `terraform plan -out p`. */
export function matchesHarmlessPattern(invocation: Invocation, pattern: string): boolean {
  const words = pattern.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > invocation.argv.length) return false;
  return words.every((w, i) => {
    const arg = invocation.argv[i];
    if (arg.dynamic) return false;
    return globMatch(i === 0 ? invocation.program : arg.value, w, { dot: true });
  });
}

function scriptName(invocation: Invocation, positionals: string[]): string | undefined {
  if (!SCRIPT_RUNNERS.has(invocation.program)) return undefined;
  const [first, second] = positionals;
  if (first === "run" || first === "run-script") return second;
  if (first === "test" || first === "t" || first === "start") return "test";
  // `yarn build`, `pnpm lint`: a script; `npm install`: the package manager's own command.
  return invocation.program !== "npm" && first !== undefined && !RUNNER_BUILTINS.has(first) ? first : undefined;
}

/** Why this invocation is not known harmless, or undefined when it is. */
export function strictReason(invocation: Invocation, ruleset: Ruleset, knownHarmless: readonly string[]): StrictReason | undefined {
  if (!invocation.program || SHELL_STATE.has(invocation.program) || SHELLS.has(invocation.program)) return undefined;
  const writes = invocation.redirects.some((r) => [">", ">>", ">|", "&>", "&>>", "<>"].includes(r.operator) && r.target !== undefined &&
    !/^\/dev\/(?:null|stdout|stderr|tty)$/.test(r.target.value) && !/^&?\d+$/.test(r.target.value));
  if (writes) return "writes-file";
  if (invocation.via.some((v) => ELSEWHERE.test(v.wrapper))) return "runs-elsewhere";
  if (knownHarmless.some((p) => matchesHarmlessPattern(invocation, p))) return undefined;
  // Commands inside a project script: the script's own name was judged on the command that ran it.
  if (invocation.via.some((v) => SCRIPT_VIA.test(v.wrapper))) return undefined;
  const parsed = parseArgs(invocation, ruleset.programs.get(invocation.program));
  const positionals = parsed.positionals.filter((w) => !w.dynamic).map((w) => w.value);
  // A wrapper with its command inside: that command is another invocation, judged on its own.
  const wraps = WRAPPERS.has(invocation.program) || (WRAPPER_PATHS[invocation.program]?.includes(positionals[0] ?? "") ?? false);
  if (wraps && positionals.length > (WRAPPERS.has(invocation.program) ? 0 : 1)) return undefined;
  const script = scriptName(invocation, positionals);
  if (SCRIPT_RUNNERS.has(invocation.program) && script !== undefined) {
    if (invocation.program === "bun" && script === "test") return undefined;
    return BUILD_TEST_SCRIPT.test(script) ? undefined : readOnlyInvocation(invocation, parsed) ? undefined : "project-script";
  }
  if (MAKE.has(invocation.program)) {
    const targets = positionals.filter((p) => !p.includes("="));
    return targets.every((t) => BUILD_TEST_SCRIPT.test(t)) ? undefined : "project-script";
  }
  if (/^python[0-9.]*$/.test(invocation.program) && invocation.argv[1]?.value === "-m" && PYTHON_MODULES.has(invocation.argv[2]?.value ?? "")) return undefined;
  const toolchain = BUILD_TEST_PATHS[invocation.program];
  if (toolchain === true) return undefined;
  if (Array.isArray(toolchain) && positionals[0] !== undefined && toolchain.includes(positionals[0])) return undefined;
  if (readOnlyInvocation(invocation, parsed)) return undefined;
  return "not-known-harmless";
}

/** The verdict under `profile: strict`: every command not known harmless adds an `ask` finding naming the reason. */
export function applyStrict(verdict: Verdict, ruleset: Ruleset, knownHarmless: readonly string[]): Verdict {
  const added: Finding[] = [];
  for (const invocation of verdict.invocations) {
    const reason = strictReason(invocation, ruleset, knownHarmless);
    if (!reason) continue;
    const rule = STRICT_RULES[reason];
    added.push({
      rule: rule.id, action: rule.action, severity: rule.severity, message: rule.message, why: rule.why, instead: rule.instead,
      span: invocation.span, via: invocation.via.map((v) => v.wrapper), certain: true, detail: invocation.program,
    });
  }
  if (added.length === 0) return verdict;
  return { ...verdict, ...decide([...verdict.findings, ...added]) };
}
