// The library entry: the policy core for hosts that check in-process (the OpenCode plugin, editors, CI), documented in docs/library.md.
export { openPolicy, type Policy, type PolicyOptions, type Decision, type ConfigProblem, type TrustNotice, type Mode } from "./engine/policy";
export { settle, type Outcome, type Channel, type Approval } from "./act/outcome";
export { recordDecision, type DecisionRecord } from "./act/record";
export { checkToolCall, type ToolCall, type ToolCallResult, type AgentAbilities } from "./hooks/tool-call";
export type { HookDecision } from "./hooks/agents";
export { agentText, userText } from "./report/agent";
export { evaluate, type Finding, type Verdict } from "./engine/evaluate";
export { exampleContext, DEFAULT_PROTECTED_BRANCHES, type EvalContext } from "./engine/context";
export { localContext } from "./engine/local-context";
export { activeRules } from "./rules/active";
export { builtinRuleFiles } from "./rules/builtin";
export { buildRuleset, type Ruleset } from "./rules/ruleset";
export { parseRuleFile } from "./rules/load";
export { extract, LIMITS } from "./shell/extract";
export { verdictJson, type JsonVerdict } from "./report/json";
export { approvalTtlMs } from "./act/approvals";
export { takeSnapshotIfNeeded, trashPromptNote, type UndoContext } from "./undo/take";
