// The cashier screen: wires the agent's answers and events into the reducer and draws the result;
// the header switches to the Scanners panel or the Manager view (which screen is shown lives only
// in memory). A storage problem turns every screen red until the agent says it is over.
// The sale is the POS's: the screen follows its current basket and applies or removes gift cards
// on it; only in demo mode does it open, close or cancel a practice sale itself.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { CardInquiryRequest, Result, Scan, TillAgentApi } from '../../main/agent/contract';
import { callAgent } from './agent';
import { FormattedMessage, useIntl } from 'react-intl';
import { CardEntry } from './components/CardEntry';
import { DemoBanner } from './components/DemoBanner';
import { Header, type Screen } from './components/Header';
import { ManagerPanel } from './components/manager';
import { QueueNote } from './components/QueueNote';
import { ResultPanel } from './components/ResultPanel';
import { SalePanel } from './components/SalePanel';
import { ScannersPanel } from './components/ScannersPanel';
import { StorageBanner } from './components/StorageBanner';
import { TopUpPanel } from './components/TopUpPanel';
import { currencySymbol, lastFour } from './format';
import { LanguageSwitch, useLanguage } from './i18n';
import { parseMoney } from './money-entry';
import {
  canApply,
  isOpen,
  isPractice,
  newTopUpId,
  offlineNote,
  practiceBasket,
  restInCash,
  type TopUpTarget,
} from './sale-state';
import { problemWords } from './error-words';
import { initialState, readEntry, reduce } from './state';
import type { FirstFeed } from './first-reads';
import { useAgentFeed } from './use-agent-feed';
import { useCashierFocus } from './use-cashier-focus';
import { useNow } from './use-now';
import { useKeyboardWedge } from './wedge';
import { describeStatus } from './wording';

interface AppProps {
  agent: TillAgentApi;
  /** Asked before the screen was drawn (main.tsx): the feed takes it over; health, if in, is drawn at once. */
  first?: FirstFeed;
}

export function App({ agent, first }: AppProps) {
  const intl = useIntl();
  const [state, dispatch] = useReducer(reduce, first?.health, (health) =>
    health ? reduce(initialState, { type: 'healthRead', result: health }) : initialState,
  );
  const [cardNumber, setCardNumber] = useState('');
  const [pin, setPin] = useState('');
  /** Take at most, typed for one sale: a limit left over from a closed sale never applies to the next. */
  const [maxEntry, setMaxEntry] = useState<{ basketId?: string; text: string }>({ text: '' });
  const [screen, setScreen] = useState<Screen>('till');
  const numberRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const maxRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLElement>(null);
  const lastCheckId = useRef(0);
  /** A sale call or top-up in flight: a second press before the screen redraws must not send another. */
  const saleCall = useRef(false);
  const checking = state.pendingCheck !== undefined;
  const { sale } = state;
  const basket = sale.basket;
  const busy = sale.busy !== undefined || sale.topUp?.step === 'sending';
  const maxAmount = maxEntry.basketId === basket?.basketId ? maxEntry.text : '';
  const setMaxAmount = (text: string): void => setMaxEntry({ basketId: basket?.basketId, text });
  const applyOffered = canApply(sale);
  /** The scan id of a scanned card shown that can be applied to the open sale. */
  const scannedApply =
    applyOffered &&
    state.result.kind === 'card' &&
    state.result.scanned &&
    describeStatus(state.result.card).usable
      ? state.result.card.scanId
      : undefined;

  // The till's configured language, unless the cashier switched this session.
  const { configured } = useLanguage();
  const configuredLanguage = state.health?.language;
  useEffect(() => configured(configuredLanguage), [configured, configuredLanguage]);

  /** A gift card scanned is the card now: the number and PIN typed before it go (the PIN with its card). */
  const forgetTypedCard = useCallback((): void => {
    setCardNumber('');
    setPin('');
  }, []);

  const readHealth = useAgentFeed(agent, dispatch, state, forgetTypedCard, first);

  const invalidField = state.result.kind === 'problem' ? state.result.field : undefined;
  useCashierFocus({
    active: screen === 'till',
    resultSeq: state.resultSeq,
    invalidField,
    resultRef,
    resultShown: state.result.kind !== 'idle',
    fields: { cardNumber: numberRef, pin: pinRef, maxAmount: maxRef },
  });

  /** A new number is a new card: a PIN typed for the last one is not sent with it. */
  const changeCardNumber = (value: string): void => {
    setCardNumber(value);
    setPin('');
  };

  // A scanner typing like a keyboard: its code goes to the agent, never into the fields.
  const onKeyboardScan = useCallback(
    (result: Result<Scan>): void => {
      if (result.ok && result.value.valid) forgetTypedCard();
      dispatch({ type: 'keyboardScanAnswered', result });
    },
    [forgetTypedCard],
  );
  useKeyboardWedge(agent, onKeyboardScan);

  const clear = useCallback((): void => {
    dispatch({ type: 'cleared' });
    setCardNumber('');
    setPin('');
    setMaxEntry({ text: '' });
    numberRef.current?.focus();
  }, []);

  // Escape clears the till; on the Scanners panel it goes back to the till.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      if (screen !== 'till') setScreen('till');
      else clear();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [clear, screen]);

  const check = async (): Promise<void> => {
    if (checking) return;
    const entry = readEntry(cardNumber, pin);
    if (!entry.ok) {
      dispatch({ type: 'entryRejected', problem: entry.problem, field: entry.field });
      return;
    }
    const checkId = ++lastCheckId.current;
    dispatch({ type: 'checkStarted', checkId });
    const result = await callAgent(() => agent.inquireCard(entry.request));
    setPin('');
    dispatch({ type: 'checkFinished', checkId, result });
  };

  /** Runs one sale call (or top-up) at a time: `start` marks it in the state, `answered` takes its answer. */
  const saleCallOnce = async <T,>(
    start: () => void,
    call: () => Promise<Result<T>>,
    answered: (result: Result<T>) => void,
  ): Promise<void> => {
    if (saleCall.current) return;
    saleCall.current = true;
    start();
    try {
      answered(await callAgent(call));
    } finally {
      saleCall.current = false;
    }
  };

  const apply = async (card: CardInquiryRequest): Promise<void> => {
    if (!isOpen(basket) || !canApply(sale)) return;
    const max = maxAmount.trim() === '' ? undefined : parseMoney(maxAmount, basket.currency);
    if (max && (!max.ok || max.minor === 0)) {
      dispatch({
        type: 'entryRejected',
        problem: max.ok
          ? { kind: 'amountZero', currency: basket.currency }
          : { kind: 'amount', problem: max.problem, currency: basket.currency },
        field: 'maxAmount',
      });
      return;
    }
    const basketId = basket.basketId;
    await saleCallOnce(
      () => dispatch({ type: 'applyStarted' }),
      () => agent.applyGiftCard({ basketId, ...card, ...(max?.ok ? { maxAmountMinor: max.minor } : {}) }),
      (result) => {
        // The PIN goes with its card, applied or not; the number stays to be corrected after a refusal.
        setPin('');
        if (result.ok) {
          // The next card starts from empty fields; focus returns to the number with the result.
          setCardNumber('');
          setMaxEntry({ text: '' });
        }
        dispatch({ type: 'applyAnswered', result });
      },
    );
  };

  const applyKeyed = (): void => {
    // Nothing typed and a scanned card in view with its own Apply: Enter applies that card.
    if (cardNumber.trim() === '' && scannedApply !== undefined) {
      void apply({ scanId: scannedApply });
      return;
    }
    const entry = readEntry(cardNumber, pin, 'apply');
    if (!entry.ok) {
      dispatch({ type: 'entryRejected', problem: entry.problem, field: entry.field });
      return;
    }
    void apply(entry.request);
  };

  const remove = (tenderId: string): void => {
    if (!isOpen(basket)) return;
    const basketId = basket.basketId;
    void saleCallOnce(
      () => dispatch({ type: 'removeStarted', tenderId }),
      () => agent.removeGiftCard({ basketId, tenderId }),
      (result) => dispatch({ type: 'removeAnswered', result }),
    );
  };

  const currency = state.health?.currency ?? basket?.currency ?? 'GBP';
  const demo = state.health?.demo === true;

  const startPractice = (): void => {
    if (!demo) return;
    void saleCallOnce(
      () => dispatch({ type: 'practiceStarted' }),
      () => agent.putBasket(practiceBasket(Date.now(), currency)),
      (result) => dispatch({ type: 'practiceAnswered', result }),
    );
  };

  const closePractice = (): void => {
    if (!demo || !isOpen(basket) || !isPractice(basket)) return;
    const request = restInCash(basket);
    void saleCallOnce(
      () => dispatch({ type: 'closeStarted' }),
      () => agent.closeBasket(request),
      (result) => dispatch({ type: 'closeAnswered', result }),
    );
  };

  const cancelPractice = (): void => {
    if (!demo || !isOpen(basket) || !isPractice(basket)) return;
    const basketId = basket.basketId;
    void saleCallOnce(
      () => dispatch({ type: 'voidStarted' }),
      () => agent.voidBasket({ basketId }),
      (result) => dispatch({ type: 'voidAnswered', result }),
    );
  };

  const openTopUp = (target: TopUpTarget): void => {
    if (busy) return;
    dispatch({ type: 'topUpOpened', target });
  };

  const topUpKeyed = (): void => {
    const entry = readEntry(cardNumber, pin, 'topUp');
    if (!entry.ok) {
      dispatch({ type: 'entryRejected', problem: entry.problem, field: entry.field });
      return;
    }
    const last4 = 'cardNumber' in entry.request ? lastFour(entry.request.cardNumber) : '';
    openTopUp({ request: entry.request, last4 });
  };

  /**
   * Sends the top-up the cashier confirmed, or (with a manager's session) the same one again once a
   * manager approved it: always under the screen's own topUpId, so the card is loaded once.
   */
  const sendTopUp = (session?: string): void => {
    const flow = sale.topUp;
    if (flow?.step !== (session === undefined ? 'confirm' : 'approval')) return;
    if (flow.step !== 'confirm' && flow.step !== 'approval') return;
    const { target, amountMinor, topUpId } = flow;
    void saleCallOnce(
      () => dispatch({ type: 'topUpStarted', ...(session !== undefined ? { session } : {}) }),
      () =>
        agent.screenTopUp({
          ...target.request,
          amountMinor,
          currency,
          topUpId,
          ...(session !== undefined ? { session } : {}),
        }),
      (result) => {
        if (result.ok) setPin('');
        dispatch({ type: 'topUpAnswered', result });
      },
    );
  };

  // A top-up not confirmed yet: asked about again when the cashier presses Check again.
  const pendingTopUpId = state.result.kind === 'topUpPending' ? state.result.topUp.topUpId : undefined;
  const checkTopUp = (): void => {
    if (pendingTopUpId === undefined) return;
    const topUpId = pendingTopUpId;
    void callAgent(() => agent.getTopUp({ topUpId })).then((result) =>
      dispatch({ type: 'topUpRead', result }),
    );
  };

  // Offline balances say how old they are, held cards until when, and a card gone from the sale
  // whether its hold ran out: the clock ticks only while the sale shows one of them.
  const timedTender = basket?.giftCardTenders.some((t) => t.offline || t.held) ?? false;
  const now = useNow(30_000, timedTender || sale.gone !== undefined);

  // An open or closed sale leads the screen; with none, the line that says so sits below the result.
  const salePanel = (
    <SalePanel
      basket={basket}
      transactions={
        sale.transactions && sale.transactions.basketId === basket?.basketId
          ? sale.transactions.list
          : undefined
      }
      busy={sale.busy}
      practice={demo}
      closable={demo && isOpen(basket) && isPractice(basket)}
      offline={offlineNote(sale, state.link?.state)}
      now={now}
      gone={sale.gone?.basketId === basket?.basketId ? sale.gone?.tenders : undefined}
      onRemove={remove}
      onStartPractice={startPractice}
      onClosePractice={closePractice}
      onCancelPractice={cancelPractice}
    />
  );
  const health = state.health;
  const needingAttention = (health?.scanners ?? []).filter((s) => !s.connected || s.problem).length;
  // One Apply to sale, for the card in view: the number typed, or else the scanned card shown.
  const typed = cardNumber.trim() !== '';
  const scanOffer = typed ? undefined : scannedApply;
  return (
    <div className="screen">
      {health?.demo && <DemoBanner />}
      <StorageBanner storage={state.storage} />
      <Header
        till={health?.till}
        link={state.link}
        healthUnknown={state.healthProblem !== undefined}
        screen={screen}
        onScreen={setScreen}
        scannersNeedingAttention={needingAttention}
        failedSales={sale.queue?.failed ?? 0}
      />
      <QueueNote queue={sale.queue} />
      {screen === 'scanners' && <ScannersPanel agent={agent} />}
      {screen === 'manager' && <ManagerPanel agent={agent} storage={state.storage} currency={currency} />}
      {screen === 'till' && (
        <main className="content">
          {basket && salePanel}
          <CardEntry
            cardNumber={cardNumber}
            pin={pin}
            maxAmount={maxAmount}
            applyOffered={applyOffered}
            applyButton={typed || scannedApply === undefined}
            currencySign={currencySymbol(basket?.currency ?? currency)}
            checking={checking}
            applying={sale.busy?.kind === 'apply'}
            busy={busy}
            invalidField={invalidField}
            numberRef={numberRef}
            pinRef={pinRef}
            maxRef={maxRef}
            onCardNumberChange={changeCardNumber}
            onPinChange={setPin}
            onMaxAmountChange={setMaxAmount}
            onCheck={() => void check()}
            onApply={applyKeyed}
            onTopUp={topUpKeyed}
          />
          {sale.topUp && (
            <TopUpPanel
              agent={agent}
              flow={sale.topUp}
              currency={currency}
              onAmount={(amountMinor) =>
                dispatch({
                  type: 'topUpAmountChosen',
                  amountMinor,
                  topUpId: newTopUpId((bytes) => crypto.getRandomValues(bytes)),
                })
              }
              onConfirm={() => sendTopUp()}
              onApproved={(session) => sendTopUp(session)}
              onBack={() => dispatch({ type: 'topUpBack' })}
              onCancel={() => {
                dispatch({ type: 'topUpCancelled' });
                numberRef.current?.focus();
              }}
            />
          )}
          <ResultPanel
            panelRef={resultRef}
            result={state.result}
            saleOpen={isOpen(basket)}
            scanned={{
              busy: busy || checking,
              onApply: scanOffer !== undefined ? (scanId) => void apply({ scanId }) : undefined,
              onTopUp: (card) =>
                openTopUp({ request: { scanId: card.scanId }, last4: lastFour(card.cardNumberMasked) }),
            }}
            onCheckTopUp={checkTopUp}
            currency={currency}
          />
          {!basket && salePanel}
          {state.healthProblem && (
            <div className="notice" data-testid="health-problem">
              <h2>
                <FormattedMessage id="app.healthProblem.heading" />
              </h2>
              <p>{problemWords(intl, state.healthProblem, 'balance').message}</p>
              <button type="button" className="secondary" onClick={() => void readHealth()}>
                <FormattedMessage id="app.healthProblem.retry" />
              </button>
            </div>
          )}
        </main>
      )}
      <footer className="footer">
        <FormattedMessage id="app.name" />{' '}
        {health ? <span data-testid="version">{health.version}</span> : null}
        <span className="footer-hint">
          <FormattedMessage
            id={
              screen === 'till'
                ? 'app.footer.tillHint'
                : screen === 'manager'
                  ? 'app.footer.managerHint'
                  : 'app.footer.otherHint'
            }
          />
        </span>
        {screen === 'till' && <LanguageSwitch />}
      </footer>
    </div>
  );
}
