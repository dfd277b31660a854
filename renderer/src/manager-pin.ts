// What the PIN prompt says: the PINs the screen accepts, and its refusals, lockout and expiry in
// the manager's words.
import type { ApiError, ErrorCode } from '../../main/agent/contract';
import { errorHeadings } from './wording';

/** What the screen accepts: new PINs are 6 to 12 digits, but a PIN set before that rule may be 4 or 5. */
export const MANAGER_PIN = /^[0-9]{4,12}$/;

export interface PromptMessage {
  heading: string;
  message: string;
  code?: ErrorCode;
}

export const pinFormatMessage: PromptMessage = {
  heading: 'Check the PIN',
  message: 'A manager PIN is 6 to 12 digits (4 or 5 on a till whose PIN IT has not changed yet).',
};

export const idleMessage: PromptMessage = {
  heading: errorHeadings.MANAGER_SESSION_EXPIRED,
  message: 'The manager view locked itself after 10 minutes without use. Enter the PIN again.',
  code: 'MANAGER_SESSION_EXPIRED',
};

export const pinNotSetMessage: PromptMessage = {
  heading: errorHeadings.MANAGER_PIN_NOT_SET,
  message: 'No manager PIN is set on this till, so the manager view cannot be opened. Ask IT to set one.',
  code: 'MANAGER_PIN_NOT_SET',
};

/** An agent's refusal under its heading, as the prompt and the queue show it. */
export function headed(error: ApiError): PromptMessage {
  const heading = (errorHeadings as Partial<Record<string, string>>)[error.code] ?? errorHeadings.INTERNAL;
  return { heading, message: error.message, code: error.code };
}
