// Where the keyboard goes in the open Manager view: its heading when the session opens, and the
// heading of the queue or the audit when the manager picks it (Diagnostics, Settings and Support
// bundle focus their own). The PIN prompt focuses its own field.
import { useEffect, useRef } from 'react';
import type { ManagerView } from '../../manager';

export function useManagerFocus(session: string | undefined, view: ManagerView) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The queue's or the audit's heading. */
  const viewHeadingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (session !== undefined) headingRef.current?.focus();
  }, [session]);

  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    viewHeadingRef.current?.focus();
  }, [view]);

  return { headingRef, viewHeadingRef };
}
