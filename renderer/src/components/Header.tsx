// The top of the screen: which till this is, and whether Centegra Plus can be reached.
import type { CentegraLink, Health } from '../../../main/agent/contract';
import { linkConnecting, linkUnknown, linkWording } from '../wording';
import { Shape } from './Shape';

interface HeaderProps {
  till?: Health['till'];
  link?: CentegraLink;
  healthUnknown: boolean;
}

export function Header({ till, link, healthUnknown }: HeaderProps) {
  const wording = link ? linkWording[link.state] : healthUnknown ? linkUnknown : linkConnecting;
  const detail = link && link.state !== 'ONLINE' ? link.detail : undefined;
  return (
    <header className="topbar">
      <div className="topbar-row">
        <div className="brand">
          <h1>Till Agent</h1>
          {till && (
            <p className="till" data-testid="till">
              Site {till.siteId} · Till {till.tillId}
            </p>
          )}
        </div>
        <p
          className={`link tone-${wording.tone}`}
          role="status"
          title={detail}
          aria-describedby={detail ? 'link-detail' : undefined}
          data-testid="link"
        >
          <Shape shape={wording.shape} />
          <span className="visually-hidden">Centegra Plus: </span>
          <span>{wording.text}</span>
        </p>
      </div>
      {detail && (
        <p className={`link-detail tone-${wording.tone}`} id="link-detail" data-testid="link-detail">
          {detail}
        </p>
      )}
    </header>
  );
}
