// Shown instead of the screen when the host gave it no `window.tillAgent`: nothing else can work.
export function NotConnected() {
  return (
    <main className="fatal">
      <div className="fatal-box" role="alert">
        <h1>
          <span className="shape shape--cross" aria-hidden="true" /> Till Agent is not connected
        </h1>
        <p>This screen can't reach Till Agent, so it can't check gift cards.</p>
        <p>Close this window and open Till Agent again. If this keeps happening, call your IT support.</p>
      </div>
    </main>
  );
}
