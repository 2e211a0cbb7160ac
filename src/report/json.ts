// The JSON form of a verdict, shared by `check --json`, `--batch` and the library.
import type { Verdict } from "../engine/evaluate";

export interface JsonVerdict {
  decision: Verdict["decision"];
  command: string;
  findings: {
    rule: string;
    action: string;
    severity: string;
    message: string;
    why: string;
    instead: string;
    span: { start: number; end: number };
    matched: string;
    via: string[];
    certain: boolean;
    target?: string;
    detail?: string;
    /** Config changed the rule's action: a finding set to allow is still listed, marked overridden. */
    overridden?: { from: string; by: string };
  }[];
  /** One line each about project files guard did not fully believe (see `guard trust`). */
  notices?: string[];
  error?: string;
}

export function verdictJson(verdict: Verdict): JsonVerdict {
  return {
    decision: verdict.decision,
    command: verdict.command,
    findings: verdict.findings.map((f) => ({
      rule: f.rule,
      action: f.action,
      severity: f.severity,
      message: f.message,
      why: f.why,
      instead: f.instead,
      span: { start: f.span.start, end: f.span.end },
      matched: verdict.command.slice(f.span.start, f.span.end),
      via: f.via,
      certain: f.certain,
      ...(f.target !== undefined ? { target: f.target } : {}),
      ...(f.detail !== undefined ? { detail: f.detail } : {}),
      ...(f.overridden !== undefined ? { overridden: { ...f.overridden } } : {}),
    })),
  };
}
