// Across the very top whenever the agent runs against its simulator, so nobody takes a demo balance for real.
import { FormattedMessage } from 'react-intl';

export function DemoBanner() {
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      <FormattedMessage id="demo.banner" values={{ b: (chunks) => <strong>{chunks}</strong> }} />
    </p>
  );
}
