// The time, for what the screen says in ages ("12 min", "balance from 35 min ago"): read once and
// then again every `everyMs` while `ticking`, so an age on screen keeps counting without a new answer.
import { useEffect, useState } from 'react';

export function useNow(everyMs: number, ticking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    // Starting to tick (an offline balance appeared): the time as it is now, not as it was at mount.
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [everyMs, ticking]);
  return now;
}
