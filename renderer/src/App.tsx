// The cashier screen: wires the agent's answers and events into the reducer and draws the result.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { TillAgentApi } from '../../main/agent/contract';
import { callAgent } from './agent';
import { CardEntry } from './components/CardEntry';
import { DemoBanner } from './components/DemoBanner';
import { Header } from './components/Header';
import { ResultPanel } from './components/ResultPanel';
import { initialState, readEntry, reduce } from './state';

export function App({ agent }: { agent: TillAgentApi }) {
  const [state, dispatch] = useReducer(reduce, initialState);
  const [cardNumber, setCardNumber] = useState('');
  const [pin, setPin] = useState('');
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

  const clear = useCallback((): void => {
    dispatch({ type: 'cleared' });
    setCardNumber('');
    setPin('');
    numberRef.current?.focus();
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') clear();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [clear]);

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
  return (
    <div className="screen">
      {health?.demo && <DemoBanner />}
      <Header till={health?.till} link={state.link} healthUnknown={state.healthProblem !== undefined} />
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
      <footer className="footer">
        Till Agent {health ? <span data-testid="version">{health.version}</span> : null}
        <span className="footer-hint"> · Esc clears</span>
      </footer>
    </div>
  );
}
