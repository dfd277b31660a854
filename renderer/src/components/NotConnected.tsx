// Shown instead of the screen when the host gave it no `window.tillAgent`: nothing else can work.
import { FormattedMessage } from 'react-intl';

export function NotConnected() {
  return (
    <main className="fatal">
      <div className="fatal-box" role="alert">
        <h1>
          <span className="shape shape--cross" aria-hidden="true" />{' '}
          <FormattedMessage id="notConnected.heading" />
        </h1>
        <p>
          <FormattedMessage id="notConnected.body" />
        </p>
        <p>
          <FormattedMessage id="notConnected.whatToDo" />
        </p>
      </div>
    </main>
  );
}
