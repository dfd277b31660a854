// The Manager view's frame: the PIN, the session, approvals, the queue and the audit log, in English.
export const manager = {} as const;
