// What `guard doctor` finds for each target and scope.
import type { Scope, Integration } from "./integrations";

export interface ScopeCheck {
  scope: Scope;
  installed: boolean;
  /** Set when installed: whether the probe was refused as it should be. */
  ok?: boolean;
  /** The files looked at. */
  files: string[];
  /** What is wrong and how to fix it. */
  problem?: string;
  /** Something worth knowing even when it works. */
  note?: string;
}

export interface TargetCheck {
  target: Integration;
  status: "ok" | "not-installed" | "broken";
  scopes: ScopeCheck[];
}

export interface DoctorReport {
  /** true when every installed integration refused the probe. */
  ok: boolean;
  targets: TargetCheck[];
}
