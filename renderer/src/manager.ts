// The Manager tab's session as a pure reducer: the PIN prompt (refusals, lockout), the sub-views,
// the queue page it holds, the audit, and the session that ends on Lock or when the agent says it
// expired. Components only draw this state. The prompt's, the queue's and the audit's words live
// beside it.
import type { ApiError, OperationOutput, Result } from '../../main/agent/contract';
import type { AuditEntry } from './manager-audit';
import type { MessageId } from './i18n/en-GB';
import type { Words } from './i18n/words';
import { headed, idleMessage, pinFormatMessage, pinNotSetMessage, type PromptMessage } from './manager-pin';
import {
  itemName,
  safeCsvFilename,
  type CsvExport,
  type ManagerItem,
  type ManagerPage,
  type ManagerSummary,
  type PlainItem,
  type QueueFilter,
  type QueueSummary,
  type Resolution,
} from './manager-queue';

// Importers read the manager's words from here as well as the session.
export * from './manager-audit';
export * from './manager-queue';
export {
  DEMO_PIN,
  MANAGER_PIN,
  idleMessage,
  lockoutDuration,
  pinFormatMessage,
  pinNotSetMessage,
  promptWords,
  headed,
  type PromptMessage,
  type PromptWords,
} from './manager-pin';

export type ManagerStatus = OperationOutput<'managerStatus'>;
export type ManagerUnlocked = OperationOutput<'managerUnlock'>;
/**
 * The agent ends a session after 10 idle minutes, but the screen's own reads (on every queue event)
 * keep it alive: so the screen locks itself after as long without the manager touching it.
 */
export const MANAGER_IDLE_MS = 10 * 60_000;

// ---- state ----

export type ManagerBusy =
  | { kind: 'retry'; itemId: string }
  | { kind: 'resolve'; itemId: string; resolution: Resolution }
  | { kind: 'export' }
  | { kind: 'acknowledge' };

/**
 * The manager's sub-views: the queue, the day (its figures and top-ups), a refund, voiding a sale,
 * the audit, the seven checks, the settings and the support bundle.
 */
export type ManagerView =
  'queue' | 'day' | 'refund' | 'voidSale' | 'audit' | 'diagnostics' | 'settings' | 'bundle';

export const managerViews: readonly { view: ManagerView; label: MessageId }[] = [
  { view: 'queue', label: 'manager.view.queue' },
  { view: 'day', label: 'manager.view.day' },
  { view: 'refund', label: 'manager.view.refund' },
  { view: 'voidSale', label: 'manager.view.voidSale' },
  { view: 'audit', label: 'manager.view.audit' },
  { view: 'diagnostics', label: 'manager.view.diagnostics' },
  { view: 'settings', label: 'manager.view.settings' },
  { view: 'bundle', label: 'manager.view.bundle' },
];

/** What the last action did, kept as what happened; `noticeWords` says it in the screen's language. */
export type ManagerNotice =
  | { kind: 'retried'; item: PlainItem }
  | { kind: 'resolved'; item: PlainItem; resolution: Resolution }
  | { kind: 'exported'; filename: string }
  | { kind: 'acknowledged' };

/** The live region's sentence: `Sale b-77 will be sent again now.`, `Saved till-agent-queue….csv.` */
export function noticeWords(words: Words, notice: ManagerNotice): string {
  switch (notice.kind) {
    case 'retried':
      return words.formatMessage({ id: 'manager.notice.retried' }, { item: itemName(words, notice.item) });
    case 'resolved':
      return words.formatMessage(
        { id: notice.resolution === 'COLLECTED' ? 'manager.notice.collected' : 'manager.notice.writtenOff' },
        { item: itemName(words, notice.item) },
      );
    case 'exported':
      return words.formatMessage({ id: 'manager.notice.exported' }, { filename: notice.filename });
    case 'acknowledged':
      return words.formatMessage({ id: 'manager.notice.acknowledged' });
  }
}

export interface ManagerState {
  /** The agent's managerStatus: whether a PIN is set, the demo PIN, a lockout. */
  status?: ManagerStatus;
  /** Why the status could not be read. */
  statusProblem?: ApiError;
  /** The open session; undefined while the PIN prompt shows. */
  session?: string;
  unlocking: boolean;
  /** A lockout was answered; the prompt stays shut until the status says it is over. */
  lockedOut: boolean;
  /** What the prompt says: a wrong PIN with tries left, a lockout, the session expired. */
  prompt?: PromptMessage;
  view: ManagerView;
  filter: QueueFilter;
  items: readonly ManagerItem[];
  nextCursor?: string;
  summary?: ManagerSummary;
  /** When (client clock, ms) `summary.oldestPendingAgeMs` was true, so the age keeps counting. */
  summaryAt?: number;
  /** The queue read whose answer counts (the latest asked), and whether it adds a page. */
  reading?: { seq: number; append: boolean };
  /** Whether the queue has been read since the session opened or the filter changed. */
  loaded: boolean;
  busy?: ManagerBusy;
  /** What the last action did, for the live region. */
  notice?: ManagerNotice;
  /** Why the last read or action failed (other than the session expiring). */
  problem?: PromptMessage;
  audit?: readonly AuditEntry[];
  auditLoading: boolean;
}

export const initialManager: ManagerState = {
  unlocking: false,
  lockedOut: false,
  view: 'queue',
  filter: 'ALL',
  items: [],
  loaded: false,
  auditLoading: false,
};

export type ManagerAction =
  | { type: 'statusRead'; result: Result<ManagerStatus> }
  /** The PIN typed cannot be any till's PIN (not 4 to 12 digits): refused here, so it does not cost one of the tries. */
  | { type: 'pinRefused' }
  | { type: 'unlockStarted' }
  | { type: 'unlockAnswered'; result: Result<ManagerUnlocked> }
  | { type: 'lockPressed' }
  /** MANAGER_IDLE_MS without a key or a touch from the manager. */
  | { type: 'idleLocked' }
  | { type: 'viewChosen'; view: ManagerView }
  | { type: 'filterChosen'; filter: QueueFilter }
  | { type: 'queueRequested'; seq: number; append: boolean }
  | { type: 'queueAnswered'; session: string; seq: number; result: Result<ManagerPage>; at: number }
  /** A `queue` event: the counts change at once; the page is read again shortly after. */
  | { type: 'queueChanged'; summary: QueueSummary; at: number }
  | { type: 'retryStarted'; itemId: string }
  | { type: 'resolveStarted'; itemId: string; resolution: Resolution }
  | { type: 'itemAnswered'; session: string; result: Result<PlainItem> }
  | { type: 'exportStarted' }
  | { type: 'exportAnswered'; session: string; result: Result<CsvExport> }
  | { type: 'auditRequested' }
  | { type: 'auditAnswered'; session: string; result: Result<{ entries: AuditEntry[] }> }
  | { type: 'acknowledgeStarted' }
  | { type: 'acknowledgeAnswered'; session: string; result: Result<object> }
  /** A sub-view (settings, support bundle) was refused with `session`: back to the PIN if it expired. */
  | { type: 'subViewRefused'; session: string; error: ApiError };

/** Back to the PIN prompt: nothing of the queue stays on screen once the session is gone. */
function locked(state: ManagerState, prompt?: PromptMessage): ManagerState {
  return {
    ...initialManager,
    ...(state.status ? { status: state.status } : {}),
    lockedOut: state.lockedOut,
    ...(prompt ? { prompt } : {}),
  };
}

/**
 * An answer to a call made with `session`: dropped when the screen has since locked (or unlocked
 * again), and the PIN prompt when the agent says the session expired.
 */
function answered<T>(
  state: ManagerState,
  session: string,
  result: Result<T>,
  apply: (state: ManagerState, result: Result<T>) => ManagerState,
): ManagerState {
  if (state.session === undefined || state.session !== session) return state;
  if (!result.ok && result.error.code === 'MANAGER_SESSION_EXPIRED')
    return locked(state, headed(result.error));
  return apply(state, result);
}

function failed(state: ManagerState, error: ApiError): ManagerState {
  return { ...state, busy: undefined, notice: undefined, problem: headed(error) };
}

/** The oldest waiting sale's age, carried forward to `at` from what was known at `summaryAt`. */
function carriedSummary(state: ManagerState, summary: QueueSummary, at: number): ManagerSummary {
  const previous = state.summary;
  let ageMs: number | undefined;
  if (summary.oldestPendingAt !== undefined) {
    if (
      previous?.oldestPendingAt === summary.oldestPendingAt &&
      previous.oldestPendingAgeMs !== undefined &&
      state.summaryAt !== undefined
    ) {
      ageMs = previous.oldestPendingAgeMs + Math.max(0, at - state.summaryAt);
    } else {
      const created = Date.parse(summary.oldestPendingAt);
      ageMs = Number.isNaN(created) ? undefined : Math.max(0, at - created);
    }
  }
  return { ...summary, ...(ageMs !== undefined ? { oldestPendingAgeMs: ageMs } : {}) };
}

function withItem(items: readonly ManagerItem[], item: PlainItem): readonly ManagerItem[] {
  return items.map((i) => (i.itemId === item.itemId ? item : i));
}

function appendItems(items: readonly ManagerItem[], more: readonly ManagerItem[]): readonly ManagerItem[] {
  const known = new Set(items.map((i) => i.itemId));
  return [...items, ...more.filter((i) => !known.has(i.itemId))];
}

export function reduceManager(state: ManagerState, action: ManagerAction): ManagerState {
  switch (action.type) {
    case 'statusRead': {
      if (!action.result.ok) return { ...state, statusProblem: action.result.error };
      const status = action.result.value;
      const lockedOut = status.lockedUntil !== undefined;
      let prompt = state.prompt;
      if (!status.pinSet) prompt = pinNotSetMessage;
      else if (prompt?.code === 'MANAGER_PIN_NOT_SET') prompt = undefined;
      // The lockout is over: its message goes with it.
      else if (!lockedOut && prompt?.code === 'MANAGER_LOCKED') prompt = undefined;
      return { ...state, status, statusProblem: undefined, lockedOut, prompt };
    }
    case 'pinRefused':
      return state.session ? state : { ...state, prompt: pinFormatMessage };
    case 'unlockStarted':
      return state.session || state.unlocking ? state : { ...state, unlocking: true };
    case 'unlockAnswered': {
      if (!state.unlocking) return state;
      if (action.result.ok) {
        return {
          ...locked(state),
          lockedOut: false,
          session: action.result.value.session,
        };
      }
      const error = action.result.error;
      return {
        ...state,
        unlocking: false,
        lockedOut: state.lockedOut || error.code === 'MANAGER_LOCKED',
        prompt: headed(error),
      };
    }
    case 'lockPressed':
      return state.session ? locked(state) : state;
    case 'idleLocked':
      return state.session ? locked(state, idleMessage) : state;
    case 'viewChosen':
      return state.view === action.view ? state : { ...state, view: action.view, notice: undefined };
    case 'filterChosen':
      if (state.filter === action.filter) return state;
      return {
        ...state,
        filter: action.filter,
        items: [],
        nextCursor: undefined,
        loaded: false,
        reading: undefined,
        notice: undefined,
      };
    case 'queueRequested':
      return state.session ? { ...state, reading: { seq: action.seq, append: action.append } } : state;
    case 'queueAnswered':
      return answered(state, action.session, action.result, (s, result) => {
        if (s.reading?.seq !== action.seq) return s;
        const append = s.reading.append;
        if (!result.ok) return { ...failed(s, result.error), reading: undefined };
        const page = result.value;
        return {
          ...s,
          reading: undefined,
          loaded: true,
          problem: undefined,
          items: append ? appendItems(s.items, page.items) : page.items,
          nextCursor: page.nextCursor,
          summary: page.summary,
          summaryAt: action.at,
        };
      });
    case 'queueChanged':
      if (!state.session) return state;
      return { ...state, summary: carriedSummary(state, action.summary, action.at), summaryAt: action.at };
    case 'retryStarted':
      if (!state.session || state.busy) return state;
      return {
        ...state,
        busy: { kind: 'retry', itemId: action.itemId },
        notice: undefined,
        problem: undefined,
      };
    case 'resolveStarted':
      if (!state.session || state.busy) return state;
      return {
        ...state,
        busy: { kind: 'resolve', itemId: action.itemId, resolution: action.resolution },
        notice: undefined,
        problem: undefined,
      };
    case 'itemAnswered':
      return answered(state, action.session, action.result, (s, result) => {
        const busy = s.busy;
        if (busy?.kind !== 'retry' && busy?.kind !== 'resolve') return s;
        if (!result.ok) return failed(s, result.error);
        const item = result.value;
        return {
          ...s,
          busy: undefined,
          items: withItem(s.items, item),
          notice:
            busy.kind === 'retry'
              ? { kind: 'retried', item }
              : { kind: 'resolved', item, resolution: busy.resolution },
        };
      });
    case 'exportStarted':
      if (!state.session || state.busy) return state;
      return { ...state, busy: { kind: 'export' }, notice: undefined, problem: undefined };
    case 'exportAnswered':
      return answered(state, action.session, action.result, (s, result) => {
        if (s.busy?.kind !== 'export') return s;
        if (!result.ok) return failed(s, result.error);
        return {
          ...s,
          busy: undefined,
          notice: { kind: 'exported', filename: safeCsvFilename(result.value.filename) },
        };
      });
    case 'auditRequested':
      return state.session ? { ...state, auditLoading: true } : state;
    case 'auditAnswered':
      return answered(state, action.session, action.result, (s, result) => {
        if (!result.ok) return { ...failed(s, result.error), auditLoading: false };
        return { ...s, auditLoading: false, audit: result.value.entries, problem: undefined };
      });
    case 'acknowledgeStarted':
      if (!state.session || state.busy) return state;
      return { ...state, busy: { kind: 'acknowledge' }, notice: undefined, problem: undefined };
    case 'acknowledgeAnswered':
      return answered(state, action.session, action.result, (s, result) => {
        if (s.busy?.kind !== 'acknowledge') return s;
        if (!result.ok) return failed(s, result.error);
        return { ...s, busy: undefined, notice: { kind: 'acknowledged' } };
      });
    case 'subViewRefused':
      // Any other refusal is the sub-view's own to show.
      if (action.error.code !== 'MANAGER_SESSION_EXPIRED') return state;
      return answered(state, action.session, { ok: false, error: action.error }, (s) => s);
  }
}

// ---- what the screen shows, from the state ----

/** Whether the PIN can be typed, and until when it cannot. */
export function promptState(state: ManagerState, nowMs: number): { disabled: boolean; lockedUntil?: string } {
  const until = state.status?.lockedUntil;
  const stillLocked = until !== undefined && Date.parse(until) > nowMs;
  return {
    disabled: state.unlocking || state.lockedOut || stillLocked || state.status?.pinSet === false,
    ...(stillLocked ? { lockedUntil: until } : {}),
  };
}

/** The oldest waiting sale's age now, from the last summary and when it was read. */
export function oldestAgeMs(state: ManagerState, nowMs: number): number | undefined {
  const age = state.summary?.oldestPendingAgeMs;
  if (age === undefined || state.summaryAt === undefined) return undefined;
  return age + Math.max(0, nowMs - state.summaryAt);
}
