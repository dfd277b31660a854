// The cashier screen: wires the agent's answers and events into the reducer and draws the result;
// the header switches to the Scanners panel (which screen is shown lives only in memory).
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Result, Scan, TillAgentApi } from '../../main/agent/contract';
import { callAgent } from './agent';
import { CardEntry } from './components/CardEntry';
import { DemoBanner } from './components/DemoBanner';
import { Header, type Screen } from './components/Header';
import { ResultPanel } from './components/ResultPanel';
import { ScannersPanel } from './components/ScannersPanel';
import { initialState, LOOKUP_TIMEOUT_MS, readEntry, reduce } from './state';
import { useKeyboardWedge } from './wedge';

export function App({ agent }: { agent: TillAgentApi }) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const [cardNumber, setCardNumber] = useState('');
  const [pin, setPin] = useState('');
  const [screen, setScreen] = useState<Screen>('till');
  const numberRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const lastCheckId = useRef(0);
  const checking = state.pendingCheck !== undefined;

  const readHealth = useCallback(async (): Promise<void> => {
    dispatch({ type: 'healthRead', result: await callAgent(() => agent.health({})) });
  }, [agent]);

  // Subscribe before the first health read, so no link change falls between the two.
  useEffect(() => {
    let stop: () => void = () => {};
    try {
      stop = agent.onEvent((event) => {
        dispatch({ type: 'event', event });
        if (event.type === 'resync') void readHealth();
      });
    } catch {
      // Without events the screen still works by asking; health shows what it can.
    }
    void readHealth();
    return () => stop();
  }, [agent, readHealth]);

  // After every result, the next card can be keyed at once: focus the field, select its text.
  const invalidField = state.result.kind === 'problem' ? state.result.field : undefined;
  useEffect(() => {
    if (state.resultSeq === 0) return;
    const field = invalidField === 'pin' ? pinRef.current : numberRef.current;
    field?.focus();
    field?.select();
  }, [state.resultSeq, invalidField]);

  // A scanner typing like a keyboard: its code goes to the agent, never into the fields.
  const onKeyboardScan = useCallback((result: Result<Scan>): void => {
    dispatch({ type: 'keyboardScanAnswered', result });
  }, []);
  useKeyboardWedge(agent, onKeyboardScan);

  // "Looking up…" always ends: with the card, its error, or after LOOKUP_TIMEOUT_MS with no answer.
  const lookingUp = state.result.kind === 'lookingUp' ? state.result.scanId : undefined;
  useEffect(() => {
    if (lookingUp === undefined) return;
    const timer = setTimeout(
      () => dispatch({ type: 'lookupTimedOut', scanId: lookingUp }),
      LOOKUP_TIMEOUT_MS,
    );
    return () => clearTimeout(timer);
  }, [lookingUp]);

  const clear = useCallback((): void => {
    dispatch({ type: 'cleared' });
    setCardNumber('');
    setPin('');
    numberRef.current?.focus();
  }, []);

  // Escape clears the till; on the Scanners panel it goes back to the till.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      if (screen === 'scanners') setScreen('till');
      else clear();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [clear, screen]);

  const check = async (): Promise<void> => {
    if (checking) return;
    const entry = readEntry(cardNumber, pin);
    if (!entry.ok) {
      dispatch({ type: 'entryRejected', heading: entry.heading, message: entry.message, field: entry.field });
      return;
    }
    const checkId = ++lastCheckId.current;
    dispatch({ type: 'checkStarted', checkId });
    const result = await callAgent(() => agent.inquireCard(entry.request));
    setPin('');
    dispatch({ type: 'checkFinished', checkId, result });
  };

  const health = state.health;
  const needingAttention = (health?.scanners ?? []).filter((s) => !s.connected || s.problem).length;
  return (
    <div className="screen">
      {health?.demo && <DemoBanner />}
      <Header
        till={health?.till}
        link={state.link}
        healthUnknown={state.healthProblem !== undefined}
        screen={screen}
        onScreen={setScreen}
        scannersNeedingAttention={needingAttention}
      />
      {screen === 'scanners' && <ScannersPanel agent={agent} />}
      {screen === 'till' && (
        <main className="content">
          <CardEntry
            cardNumber={cardNumber}
            pin={pin}
            checking={checking}
            invalidField={invalidField}
            numberRef={numberRef}
            pinRef={pinRef}
            onCardNumberChange={setCardNumber}
            onPinChange={setPin}
            onCheck={() => void check()}
          />
          <ResultPanel result={state.result} />
          {state.healthProblem && (
            <div className="notice" data-testid="health-problem">
              <h2>Can't read Till Agent's status</h2>
              <p>{state.healthProblem.message}</p>
              <button type="button" className="secondary" onClick={() => void readHealth()}>
                Try again
              </button>
            </div>
          )}
        </main>
      )}
      <footer className="footer">
        Till Agent {health ? <span data-testid="version">{health.version}</span> : null}
        <span className="footer-hint">
          {screen === 'till' ? ' · Esc clears' : ' · Esc goes back to the till'}
        </span>
      </footer>
    </div>
  );
}
