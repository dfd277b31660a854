// The top of the screen: which till this is, whether Centegra Plus can be reached, and the way
// between the till and the Scanners panel.
import type { CentegraLink, Health } from '../../../main/agent/contract';
import { linkConnecting, linkUnknown, linkWording } from '../wording';
import { Shape } from './Shape';

export type Screen = 'till' | 'scanners';

interface HeaderProps {
  till?: Health['till'];
  link?: CentegraLink;
  healthUnknown: boolean;
  screen: Screen;
  onScreen(screen: Screen): void;
  /** Configured scanners that are not connected or report a problem. */
  scannersNeedingAttention: number;
}

export function Header({
  till,
  link,
  healthUnknown,
  screen,
  onScreen,
  scannersNeedingAttention,
}: HeaderProps) {
  const wording = link ? linkWording[link.state] : healthUnknown ? linkUnknown : linkConnecting;
  const detail = link && link.state !== 'ONLINE' ? link.detail : undefined;
  const attention =
    scannersNeedingAttention === 0
      ? undefined
      : `${scannersNeedingAttention} ${scannersNeedingAttention === 1 ? 'needs' : 'need'} attention`;
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
      <nav className="tabs" aria-label="Screens">
        <button
          type="button"
          className="tab"
          aria-current={screen === 'till' ? 'page' : undefined}
          onClick={() => onScreen('till')}
        >
          Till
        </button>
        <button
          type="button"
          className="tab"
          aria-current={screen === 'scanners' ? 'page' : undefined}
          aria-label={attention ? `Scanners, ${attention}` : undefined}
          onClick={() => onScreen('scanners')}
        >
          Scanners
          {attention && (
            <span className="tab-flag" aria-hidden="true" data-testid="scanners-flag">
              <Shape shape="triangle" />
              {scannersNeedingAttention}
            </span>
          )}
        </button>
      </nav>
    </header>
  );
}
