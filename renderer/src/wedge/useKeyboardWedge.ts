// The keyboard wedge in the window: every keydown goes through the detector before any field sees
// it; a scanner's burst goes to the agent as a keyboard scan, a person's held keys go back to their field.
import { useEffect, useRef } from 'react';
import type { Result, Scan, TillAgentApi } from '../../../main/agent/contract';
import { callAgent } from '../agent';
import { keyText, WedgeDetector, type BurstEnd, type WedgeKey } from './detector';

/** A held keydown, with the element it was meant for, so a replay lands where the person was typing. */
interface HeldKey extends WedgeKey {
  target: EventTarget | null;
}

// The input types whose value can be edited at the caret (setRangeText refuses the others).
const EDITABLE_TYPES = new Set(['text', 'search', 'url', 'tel', 'password']);

type TextField = HTMLInputElement | HTMLTextAreaElement;

export function isTextField(target: EventTarget | null): target is TextField {
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && EDITABLE_TYPES.has(target.type);
}

/**
 * Types `text` into a field at its caret, as the keys would have: over the selection, within
 * maxlength, then an `input` event so React's onChange sees the new value.
 */
export function typeInto(target: EventTarget | null, text: string): void {
  if (text === '' || !isTextField(target) || !target.isConnected || target.disabled || target.readOnly)
    return;
  const start = target.selectionStart ?? target.value.length;
  const end = target.selectionEnd ?? start;
  let insert = text;
  if (target.maxLength >= 0) {
    const room = target.maxLength - (target.value.length - (end - start));
    insert = [...text].slice(0, Math.max(0, room)).join('');
    if (insert === '') return;
  }
  target.setRangeText(insert, start, end, 'end');
  target.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: insert }));
}

/** Gives held keys back: consecutive keys meant for the same field are typed into it at once. */
function replay(keys: readonly HeldKey[]): void {
  let i = 0;
  while (i < keys.length) {
    const target = keys[i]?.target ?? null;
    let text = '';
    for (; i < keys.length && keys[i]?.target === target; i++) text += keyText(keys[i] as HeldKey);
    typeInto(target, text);
  }
}

/**
 * Watches the window's keyboard for scanner bursts and sends each to `agent.submitKeyboardScan`;
 * `onScan` gets the agent's answer. The agent's scan/card/cardError events follow as for any scan.
 * Without `submitKeyboardScan` (an older agent) the keyboard is left alone.
 */
export function useKeyboardWedge(agent: TillAgentApi, onScan: (result: Result<Scan>) => void): void {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (typeof agent.submitKeyboardScan !== 'function') return;
    const detector = new WedgeDetector<HeldKey>();
    let stopped = false;
    let composing = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    if (typeof agent.keyboardWedgeSettings === 'function') {
      void callAgent(() => agent.keyboardWedgeSettings({})).then((answer) => {
        // Until it answers, or if it cannot, the defaults (40 ms, 6 characters, Enter/Tab) apply.
        if (!stopped && answer.ok) detector.configure(answer.value);
      });
    }

    const settle = (ended: BurstEnd<HeldKey> | undefined): void => {
      if (ended?.kind === 'replay') replay(ended.keys);
      else if (ended?.kind === 'scan') {
        const text = ended.text;
        void callAgent(() => agent.submitKeyboardScan({ text })).then((answer) => {
          if (!stopped) onScanRef.current(answer);
        });
      }
      // 'dropped': a flood from a stuck device; nothing to give back and nothing to look up.
    };

    // One timer, always for the held run's deadline, so a run that simply stops is judged.
    const arm = (): void => {
      clearTimeout(timer);
      timer = undefined;
      const deadline = detector.deadline();
      if (deadline === undefined) return;
      timer = setTimeout(onTimer, Math.max(0, deadline - performance.now()) + 1);
    };
    const onTimer = (): void => {
      settle(detector.tick(performance.now()));
      arm();
    };

    const onKeyDown = (event: KeyboardEvent): void => {
      if (!event.isTrusted) return;
      if (composing || event.isComposing || event.key === 'Process' || event.repeat) {
        // An IME is composing, or a key is held down: a person. Give back anything held first, in order.
        settle(detector.flush());
        arm();
        return;
      }
      // Space on a button or checkbox works on keyup: swallowing its keydown would break the control.
      if (event.key === ' ' && !detector.holding && !isTextField(event.target)) return;
      const decision = detector.feed({
        key: event.key,
        timeStamp: event.timeStamp,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        target: event.target,
      });
      settle(decision.ended);
      if (decision.action === 'hold') {
        // Nothing else may act on a key that may be a scanner's: not the field, not a form's Enter.
        event.preventDefault();
        event.stopPropagation();
      }
      arm();
    };
    const onCompositionStart = (): void => {
      composing = true;
    };
    const onCompositionEnd = (): void => {
      composing = false;
    };

    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('compositionstart', onCompositionStart, true);
    window.addEventListener('compositionend', onCompositionEnd, true);
    return () => {
      stopped = true;
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('compositionstart', onCompositionStart, true);
      window.removeEventListener('compositionend', onCompositionEnd, true);
      clearTimeout(timer);
      const ended = detector.flush();
      if (ended?.kind === 'replay') replay(ended.keys);
    };
  }, [agent]);
}
