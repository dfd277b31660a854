// Across the very top whenever the agent runs against its simulator, so nobody takes a demo balance for real.
export function DemoBanner() {
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      <strong>DEMO</strong> — using the built-in Centegra Plus simulator. No real cards are charged.
    </p>
  );
}
