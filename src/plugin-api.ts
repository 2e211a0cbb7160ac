// What in-process hosts (the OpenCode plugin) need beyond evaluation: one-time approval codes for `ask`, and the audit log.
export { approvalTtlMs, consumeApproval, requestApproval } from "./act/approvals";
export { appendAudit } from "./act/audit";
