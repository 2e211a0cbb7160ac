// The command tree: every subcommand registered on one commander program, shared by main, completions and the man page.
import { Command } from "commander";
import { registerCheck } from "./check";
import { registerExplain } from "./explain";
import { registerTest } from "./test";
import { registerExec } from "./exec";
import { registerApprove } from "./approve";
import { registerPin } from "./pin";
import { registerTrust } from "./trust";
import { registerRules } from "./rules";
import { registerHook } from "./hook";
import { registerScan } from "./scan";
import { registerEnv } from "./env";
import { registerInstall } from "./install";
import { registerDoctor } from "./doctor";
import { registerLog } from "./log";
import { registerInit } from "./init";
import { registerCompletion } from "./completion";
import { registerUndo } from "./undo";
import { GUARD_VERSION } from "../core/version";

export function buildProgram(): Command {
  const program = new Command("guard")
    .description("A shell-command guard for AI coding agents.")
    .version(GUARD_VERSION)
    .enablePositionalOptions()
    .exitOverride();
  registerCheck(program);
  registerExplain(program);
  registerTest(program);
  registerExec(program);
  registerApprove(program);
  registerPin(program);
  registerTrust(program);
  registerLog(program);
  registerRules(program);
  registerHook(program);
  registerScan(program);
  registerEnv(program);
  registerInstall(program);
  registerDoctor(program);
  registerUndo(program);
  // Listed for help only: `guard shell` is dispatched above, before commander, with bash's own arguments.
  program.command("shell").description("a drop-in for bash: takes bash's arguments, checks what would run, then runs /bin/bash with the same argv");
  registerInit(program);
  registerCompletion(program);
  return program;
}
