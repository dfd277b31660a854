// The Manager view's frame: the PIN, the session, approvals, the queue and the audit log, in Welsh.
import type { manager as english } from './manager.en-GB';

export const manager: Record<keyof typeof english, string> = {};
