// One call to the agent at a time from a screen: a second press before the answer is ignored,
// so a double tap never sends an action twice.
import { useCallback, useRef } from 'react';

export function useOneCall(): (call: () => Promise<void>) => Promise<void> {
  const calling = useRef(false);
  return useCallback(async (call: () => Promise<void>): Promise<void> => {
    if (calling.current) return;
    calling.current = true;
    try {
      await call();
    } finally {
      calling.current = false;
    }
  }, []);
}
