// The library entry: in-process evaluation for hosts that should not spawn a process per command.
export { evaluate, type Finding, type Verdict } from "./engine/evaluate";
export { exampleContext, DEFAULT_PROTECTED_BRANCHES, type EvalContext } from "./engine/context";
export { localContext } from "./engine/local-context";
export { activeRules } from "./rules/active";
export { builtinRuleFiles } from "./rules/builtin";
export { buildRuleset, type Ruleset } from "./rules/ruleset";
export { parseRuleFile } from "./rules/load";
export { extract, LIMITS } from "./shell/extract";
export { verdictJson, type JsonVerdict } from "./report/json";
export * from "./plugin-api";
export { takeSnapshotIfNeeded, trashPromptNote, type UndoContext } from "./undo/take";
