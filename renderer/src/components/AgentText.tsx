// Words the agent sent, shown as they came rather than from the catalogue.
import type { ReactNode } from 'react';

/**
 * What the agent reports as it is: its own English free text (`english`: a scanner's problem, why a
 * code is not a gift card, an error's message) or a name, path, id or bytes. Not from the catalogue,
 * so `data-agent-text` lets the language tests set it aside; English prose says lang="en".
 */
export function AgentText({
  as: Tag = 'span',
  english = true,
  className,
  testId,
  children,
}: {
  as?: 'span' | 'p';
  english?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Tag lang={english ? 'en' : undefined} data-agent-text="" className={className} data-testid={testId}>
      {children}
    </Tag>
  );
}
