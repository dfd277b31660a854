// A boxed problem with a shape beside its heading (styled by `.alert`): what went wrong, in the
// screen's words, and anything to press about it. One markup for every screen's problems.
import type { ReactNode } from 'react';
import type { Shape as ShapeName } from '../wording';
import { Shape } from './Shape';

interface AlertProps {
  /** The heading's level where the alert sits: 2 on its own in a tab, 3 under a tab's heading, and so on. */
  level: 2 | 3 | 4 | 5;
  heading: ReactNode;
  /** A triangle for a problem to fix; a cross for what is broken or shut. */
  shape?: ShapeName;
  /** Where it sits: `panel-alert`, `pin-message`, `item-problem`; none for the cashier's result. */
  className?: string;
  /** `alert` when it answers what was just done (read out at once); none for a standing state. */
  role?: 'alert';
  id?: string;
  testId?: string;
  children?: ReactNode;
}

export function Alert({
  level,
  heading,
  shape = 'triangle',
  className,
  role,
  id,
  testId,
  children,
}: AlertProps) {
  const Heading = `h${level}` as const;
  return (
    <div className={className ? `alert ${className}` : 'alert'} role={role} id={id} data-testid={testId}>
      <Heading>
        <Shape shape={shape} />
        {heading}
      </Heading>
      {children}
    </div>
  );
}
