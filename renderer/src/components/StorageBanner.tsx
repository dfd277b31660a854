// Across the top of every screen while the till cannot store sales safely (a full disk, a folder it
// cannot write, a damaged database kept aside): red, with a shape and the agent's own words (English,
// marked lang="en"), or the catalogue's when it sent none.
import { FormattedMessage } from 'react-intl';
import type { StorageHealth } from '../state';
import { Shape } from './Shape';

export function StorageBanner({ storage }: { storage?: StorageHealth }) {
  if (!storage || storage.ok) return null;
  return (
    <div className="storage-banner" role="alert" data-testid="storage-banner">
      <p className="storage-heading">
        <Shape shape="cross" />
        <FormattedMessage id="storage.heading" />
      </p>
      {storage.problem ? (
        // The agent's own English words for the problem (the IT fix in them is what IT needs).
        <p lang="en" data-agent-text="">
          {storage.problem}
        </p>
      ) : (
        <p>
          <FormattedMessage id="storage.fallback" />
        </p>
      )}
    </div>
  );
}
