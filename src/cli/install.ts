// `guard install` / `guard uninstall TARGET`: put guard into an agent's hooks, a shell or git, or take it out; plus the hidden `guard pre-push` the git hook runs.
import type { Command } from "commander";
import { isIntegration, supportedScopes, INTEGRATIONS, unsupportedScopeReason, type Scope, type Integration } from "../install/integrations";
import { CliError } from "./errors";
import { EXIT } from "./exit-codes";

interface ScopeFlags {
  project?: boolean;
  user?: boolean;
  dryRun?: boolean;
}

function parseIntegration(name: string): Integration {
  if (!isIntegration(name)) throw new CliError(`unknown target ${name}; known: ${INTEGRATIONS.join(", ")}`);
  return name;
}

function parseScope(flags: ScopeFlags): Scope | undefined {
  if (flags.project && flags.user) throw new CliError("give --project or --user, not both");
  return flags.project ? "project" : flags.user ? "user" : undefined;
}

/** The install modules load only for these commands: they are not on the path of a check. */
async function run(operation: "install" | "uninstall", target: string, flags: ScopeFlags): Promise<void> {
  const [{ installContext }, { InstallError }, installer] = await Promise.all([import("../install/install-context"), import("../install/errors"), import("../install/install")]);
  const { formatReport } = installer;
  const request = { target: parseIntegration(target), scope: parseScope(flags), dryRun: flags.dryRun ?? false, context: installContext() };
  // A scope the target does not have is a usage mistake (64), not a file guard refused to touch (1).
  if (request.scope && !supportedScopes(request.target).includes(request.scope)) throw new CliError(unsupportedScopeReason(request.target, request.scope));
  try {
    process.stdout.write(formatReport(installer[operation](request)));
    // guard-shell and guard-prefix run the node recorded here, not the one PATH finds.
    if (operation === "install" && !request.dryRun) (await import("../install/node-path")).recordNodePath(request.context);
  } catch (err) {
    if (!(err instanceof InstallError)) throw err;
    process.stderr.write(`guard: ${err.message}\n`);
    // Refusing to touch a file (not valid JSON, someone else's hook) or unable to write it: a failure, not a refusal to run.
    process.exitCode = EXIT.failure;
  }
}

function withScopeOptions(command: Command): Command {
  return command
    .argument("<target>", INTEGRATIONS.join(", "))
    .option("--user", "for your account (default, except for git)")
    .option("--project", "for the repository you are in (default for git)")
    .option("--dry-run", "print a diff of what would change and write nothing");
}

export function registerInstall(program: Command): void {
  withScopeOptions(program.command("install").description("install guard into an agent's hooks, a shell (bash, zsh) or git's pre-push hook"))
    .action((target: string, flags: ScopeFlags) => run("install", target, flags));
  withScopeOptions(program.command("uninstall").description("remove exactly what guard install added (restoring the original file when nothing else changed)"))
    .action((target: string, flags: ScopeFlags) => run("uninstall", target, flags));
  // Run by the pre-push hook `guard install git` writes, with git's arguments and stdin; not for people.
  program
    .command("pre-push", { hidden: true })
    .argument("<remote>", "the remote's name")
    .argument("[url]", "the remote's URL")
    .action(async (remote: string) => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
      let result;
      try {
        const { runPrePush } = await import("../install/pre-push-command");
        result = runPrePush({ remote, input: Buffer.concat(chunks).toString("utf8"), cwd: process.cwd(), env: process.env });
      } catch (err) {
        // A hook that crashes must not let the push through.
        result = { exitCode: 1, stderr: `guard: internal error in the pre-push hook, so the push is refused: ${(err as Error)?.message ?? err}\n` };
      }
      process.stderr.write(result.stderr);
      process.exitCode = result.exitCode;
    });
}
