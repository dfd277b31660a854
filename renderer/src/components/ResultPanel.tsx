// What the last check or scan found: a balance in large type with the card's status in words,
// or a problem with a heading and the agent's own instructions.
import type { Card } from '../../../main/agent/contract';
import type { CSSProperties } from 'react';
import { balanceWidthEm, formatCheckedAt, formatMinor } from '../format';
import type { ResultView } from '../state';
import { describeStatus, expiryNote } from '../wording';
import { Shape } from './Shape';

export function ResultPanel({ result }: { result: ResultView }) {
  return (
    <section className="result" aria-live="polite" aria-label="Result" data-testid="result">
      {result.kind === 'idle' && (
        <p className="hint">Scan a gift card, or type its number and press Check balance.</p>
      )}
      {result.kind === 'checking' && <p className="hint">Checking the card…</p>}
      {result.kind === 'lookingUp' && (
        <div className="looking-up" data-testid="looking-up">
          <p className="looking-up-title">
            <span className="shape shape--bars" aria-hidden="true" />
            Looking up…
          </p>
          {result.cardNumberMasked && (
            <p className="card-number">
              <span className="visually-hidden">Scanned card </span>
              {result.cardNumberMasked}
            </p>
          )}
        </div>
      )}
      {result.kind === 'card' && <CardResult card={result.card} scanned={result.scanned} />}
      {result.kind === 'problem' && (
        <div className="alert" role="alert" id="result-problem" data-testid="problem">
          <h2>
            <Shape shape="triangle" />
            {result.heading}
          </h2>
          <p>{result.message}</p>
        </div>
      )}
    </section>
  );
}

function CardResult({ card, scanned }: { card: Card; scanned: boolean }) {
  const balance = formatMinor(card.balanceMinor, card.currency);
  const status = describeStatus(card);
  const expiry = expiryNote(card);
  const checked = formatCheckedAt(card.checkedAt, new Date());
  // Set through the CSSOM, which the page's CSP allows (it refuses only style attributes in HTML).
  const fit = { '--balance-em': balanceWidthEm(balance) } as CSSProperties;
  return (
    <article className={`card-result tone-edge-${status.tone}`} data-testid="card">
      <div className="card-top">
        <p className="card-label">Balance</p>
        {scanned && (
          <p className="badge" data-testid="scanned">
            <span className="shape shape--bars" aria-hidden="true" />
            Scanned
          </p>
        )}
      </div>
      <p className={`balance${status.usable ? '' : ' balance--unusable'}`} style={fit} data-testid="balance">
        {balance}
      </p>
      <p className={`status tone-${status.tone}`} data-testid="status">
        <Shape shape={status.shape} />
        {status.text}
      </p>
      <p className="card-number" data-testid="card-number">
        <span className="visually-hidden">Card </span>
        {card.cardNumberMasked}
      </p>
      {(expiry || checked) && (
        <p className="card-meta">
          {[expiry, checked].filter((part): part is string => Boolean(part)).join(' · ')}
        </p>
      )}
    </article>
  );
}
