// What the PIN prompt says: the PINs the screen accepts, and its refusals, lockout and expiry in
// the manager's words. The state keeps what happened (a code, the agent's refusal); the words are
// made from it in the screen's language when it is drawn.
import type { ApiError, ErrorCode } from '../../main/agent/contract';
import { errorHeading } from './error-words';
import type { MessageId } from './i18n/en-GB';
import type { Words } from './i18n/words';

/** What the screen accepts: new PINs are 6 to 12 digits, but a PIN set before that rule may be 4 or 5. */
export const MANAGER_PIN = /^[0-9]{4,12}$/;

/** The PIN a demo till opens with (the agent's demo config), shown as a hint there only. */
export const DEMO_PIN = '1234';

/**
 * Why the prompt speaks: a PIN of the wrong shape, the view locked after being left alone, no PIN
 * set, or the agent's refusal (kept whole: its code says which words, its message what only it knows).
 */
export type PromptMessage =
  | { reason: 'pinFormat'; code?: undefined }
  | { reason: 'idle'; code: 'MANAGER_SESSION_EXPIRED' }
  | { reason: 'pinNotSet'; code: 'MANAGER_PIN_NOT_SET' }
  | { reason: 'refused'; code: ErrorCode; error: ApiError };

export const pinFormatMessage: PromptMessage = { reason: 'pinFormat' };
export const idleMessage: PromptMessage = { reason: 'idle', code: 'MANAGER_SESSION_EXPIRED' };
export const pinNotSetMessage: PromptMessage = { reason: 'pinNotSet', code: 'MANAGER_PIN_NOT_SET' };

/** An agent's refusal, as the prompt and the queue keep it. */
export function headed(error: ApiError): PromptMessage {
  return { reason: 'refused', code: error.code, error };
}

export interface PromptWords {
  heading: string;
  message: string;
  /**
   * Set when `message` is the agent's own sentence (a refusal no code puts into words, such as why
   * Till Agent could not save): it is English, the POS API's language, and marked so.
   */
  lang?: 'en';
}

/** How long a lockout lasts, in words: `15 minutes`, `2 hours 40 minutes`, `24 hours`. */
export function lockoutDuration(words: Words, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return words.formatMessage({ id: 'pin.duration.minutes' }, { minutes: rest });
  if (rest === 0) return words.formatMessage({ id: 'pin.duration.hours' }, { hours });
  return words.formatMessage({ id: 'pin.duration.hoursMinutes' }, { hours, minutes: rest });
}

/** The figures of a wrong PIN or a lockout, as the agent gives them (details); absent, the words say it without them. */
function triesLeft(error: ApiError): number | undefined {
  return error.details?.['triesLeft'];
}

function lockout(error: ApiError): { tries: number; minutes: number } | undefined {
  const tries = error.details?.['tries'];
  const minutes = error.details?.['lockedMinutes'];
  return tries !== undefined && minutes !== undefined && minutes > 0 ? { tries, minutes } : undefined;
}

/** The agent's sentence for a refusal no code of the prompt's own puts into words. */
function said(error: ApiError): PromptWords {
  return { heading: '', message: error.message, lang: 'en' };
}

/** What the prompt (or the queue's problem) says, in the screen's language. */
export function promptWords(words: Words, prompt: PromptMessage): PromptWords {
  const say = (id: MessageId, values?: Record<string, string | number>) =>
    words.formatMessage({ id }, values);
  switch (prompt.reason) {
    case 'pinFormat':
      return { heading: say('pin.format.heading'), message: say('pin.format.message') };
    case 'idle':
      return { heading: errorHeading(words, prompt.code), message: say('pin.idle.message') };
    case 'pinNotSet':
      return { heading: errorHeading(words, prompt.code), message: say('pin.notSet.message') };
    case 'refused': {
      const heading = errorHeading(words, prompt.code);
      const { error } = prompt;
      switch (prompt.code) {
        case 'MANAGER_PIN_NOT_SET':
          return { heading, message: say('pin.notSet.message') };
        case 'MANAGER_SESSION_EXPIRED':
          return { heading, message: say('pin.expired.message') };
        case 'MANAGER_PIN_INCORRECT': {
          const tries = triesLeft(error);
          return {
            heading,
            message: tries === undefined ? say('pin.wrong.message') : say('pin.wrong.triesLeft', { tries }),
          };
        }
        case 'MANAGER_LOCKED': {
          const locked = lockout(error);
          return {
            heading,
            message: locked
              ? say('pin.locked.afterTries', {
                  tries: locked.tries,
                  duration: lockoutDuration(words, locked.minutes),
                })
              : say('pin.locked.tooMany'),
          };
        }
        default:
          return { ...said(error), heading };
      }
    }
  }
}
