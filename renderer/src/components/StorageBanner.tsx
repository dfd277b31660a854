// Across the top of every screen while the till cannot store sales safely (a full disk, a folder it
// cannot write, a damaged database kept aside): red, with a shape and the agent's own words.
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
      <p>{storage.problem ?? <FormattedMessage id="storage.fallback" />}</p>
    </div>
  );
}
