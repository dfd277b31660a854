// A toggle among a few (the Manager's sub-views, the queue's filter): pressed for the one shown.
import type { ReactNode } from 'react';

export function Chip({
  pressed,
  onClick,
  children,
}: {
  pressed: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="chip" aria-pressed={pressed} onClick={onClick}>
      {children}
    </button>
  );
}
