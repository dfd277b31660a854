// The manager's operations, each behind the PIN session (but the status, unlock and lock that
// open and close it): the queue with advice, retry, settle and export it, acknowledge a storage
// problem, the audit log, settings and secrets, the support bundle. Every action is audited.
import type { LoadedConfig } from '../config';
import { policyFile, settingsEntries } from '../config';
import {
  fail,
  ok,
  type Basket,
  type DayReport,
  type Handlers,
  type QueueItem,
  type Result,
} from '../contract';
import type { Refunds } from '../refunds';
import { dayReportCsv, localDateOf } from '../reports';
import { topUpsCsv, type TopUps } from '../topups';
import type { Storage } from '../db';
import type { Logger } from '../logger';
import { queueCsv, type QueueService } from '../queue';
import { secretInUse, type SecretStore } from '../secrets';
import { adviceFor } from './advice';
import type { ManagerService } from './manager';

export interface ManagerOperationDeps {
  manager: ManagerService;
  queue: QueueService;
  storage: Storage;
  loaded: LoadedConfig;
  secrets?: SecretStore;
  secretWarnings: readonly string[];
  /** Look at the link again now (a new Centegra key was entered). */
  probeLink(): void;
  supportBundle(): Promise<{ filename: string; zip: Uint8Array }>;
  /** The money operations a manager may take from the screen (each audited here). */
  money: {
    voidBasket(basketId: string): Promise<Result<Basket>>;
    topUps: Pick<TopUps, 'list' | 'void'>;
    refunds: Pick<Refunds, 'refund' | 'void'>;
    dayReport(date: string | undefined): DayReport;
  };
  log: Logger;
  now(): Date;
}

export type ManagerOperation = Extract<keyof Handlers, `manager${string}`>;

export function managerOperations(deps: ManagerOperationDeps): Handlers<ManagerOperation> {
  const { manager: m, queue, loaded, secrets } = deps;
  const asManager = async <T>(
    session: string,
    act: () => Result<T> | Promise<Result<T>>,
  ): Promise<Result<T>> => {
    const allowed = m.check(session);
    return allowed.ok ? act() : allowed;
  };
  const till = loaded.config.till ? `${loaded.config.till.siteId}-${loaded.config.till.tillId}` : 'demo';
  return {
    managerStatus: async () => ok(m.status()),
    managerUnlock: async (input) => m.unlock(input.pin),
    managerLock: async (input) => {
      m.lock(input.session);
      return ok({});
    },
    managerQueue: (input) => asManager(input.session, () => queuePage(deps, input)),
    managerRetry: (input) =>
      asManager(input.session, () => {
        const r = queue.retry(input.itemId);
        if (r.ok) m.audit('RETRY', input.itemId);
        return r;
      }),
    managerResolve: (input) =>
      asManager(input.session, () => {
        const r = queue.resolve(input.itemId, input.resolution, input.note);
        if (r.ok) m.audit(input.resolution, input.itemId, input.note);
        return r;
      }),
    managerExport: (input) =>
      asManager(input.session, () => {
        const items = queue.all(input.state);
        m.audit('EXPORT_CSV', undefined, `${items.length} items${input.state ? ` (${input.state})` : ''}`);
        return ok({
          filename: `till-agent-queue-${till}-${deps.now().toISOString().slice(0, 10)}.csv`,
          csv: queueCsv(items),
        });
      }),
    managerAcknowledgeStorage: (input) =>
      asManager(input.session, () => {
        const acknowledged = deps.storage.acknowledge();
        if (acknowledged.keptFile) m.audit('ACK_DAMAGED_DB', undefined, acknowledged.keptFile);
        if (acknowledged.problem) m.audit('ACK_STORAGE_PROBLEM', undefined, acknowledged.problem);
        return ok({});
      }),
    managerAudit: (input) => asManager(input.session, () => ok({ entries: m.auditLog(input.limit) })),
    managerSettings: (input) =>
      asManager(input.session, () =>
        ok({
          ...(loaded.source.file ? { file: loaded.source.file } : {}),
          ...(loaded.source.userFile ? { userFile: loaded.source.userFile } : {}),
          fileKind: loaded.source.kind,
          demo: loaded.demo,
          dataDir: loaded.dataDir,
          entries: settingsEntries(loaded, {
            apiKey: secretInUse('centegra.apiKey', secrets, loaded.config),
            token: secretInUse('posApi.token', secrets, loaded.config),
            metricsToken: secretInUse('metrics.token', secrets, loaded.config),
          }),
          warnings: [...deps.secretWarnings, ...m.warnings()],
        }),
      ),
    managerSetSecret: (input) =>
      asManager(input.session, () => {
        if (!secrets) return fail('INTERNAL', 'This till keeps no secret store.');
        // IT's policy: the machine-wide file would put its own value back at the next start anyway.
        const itFile = policyFile(loaded, input.name);
        if (itFile)
          return fail(
            'FORBIDDEN',
            `The ${input.name === 'centegra.apiKey' ? 'Factor4 Gift Card key' : 'POS API token'} is set by IT in ${itFile}; ask IT to change it.`,
          );
        if (input.name === 'posApi.token' && input.value.length < 24)
          return fail('BAD_REQUEST', 'A POS API token is at least 24 characters.');
        try {
          secrets.set(input.name, input.value);
        } catch (e) {
          deps.log.error({ err: (e as Error).message }, 'could not store a secret');
          return fail('STORAGE_FAILED', 'The secret could not be stored. Check the disk, then try again.');
        }
        m.audit('SET_SECRET', undefined, input.name);
        if (input.name === 'centegra.apiKey') deps.probeLink();
        return ok({});
      }),
    managerSupportBundle: (input) =>
      asManager(input.session, async () => {
        const bundle = await deps.supportBundle();
        m.audit('SUPPORT_BUNDLE', undefined, bundle.filename);
        return ok({ filename: bundle.filename, zipBase64: Buffer.from(bundle.zip).toString('base64') });
      }),
    managerVoidBasket: (input) =>
      asManager(input.session, async () => {
        const r = await deps.money.voidBasket(input.basketId);
        if (r.ok) m.audit('VOID_SALE', undefined, input.basketId);
        return r;
      }),
    managerTopUps: (input) =>
      asManager(input.session, () => {
        const topUps = deps.money.topUps.list(input.date);
        const day = input.date ?? localDateOf(deps.now());
        return ok({ topUps, filename: `till-agent-topups-${till}-${day}.csv`, csv: topUpsCsv(topUps) });
      }),
    managerVoidTopUp: (input) =>
      asManager(input.session, () => {
        // Audited by the top-ups themselves, as a void from the POS is.
        return deps.money.topUps.void(input.topUpId);
      }),
    managerRefund: (input) =>
      asManager(input.session, async () => {
        const { session: _session, ...refund } = input;
        const r = await deps.money.refunds.refund(refund);
        if (r.ok)
          m.audit(
            'REFUND',
            undefined,
            `${refund.refundId}${refund.originalBasketId ? ` (sale ${refund.originalBasketId})` : ''}`,
          );
        return r;
      }),
    managerVoidRefund: (input) =>
      asManager(input.session, () => {
        const r = deps.money.refunds.void(input.refundId);
        if (r.ok) m.audit('VOID_REFUND', undefined, input.refundId);
        return r;
      }),
    managerDayReport: (input) =>
      asManager(input.session, () => {
        const report = deps.money.dayReport(input.date);
        return ok({
          ...report,
          filename: `till-agent-day-${till}-${report.date}.csv`,
          csv: dayReportCsv(report),
        });
      }),
    managerRevealPosToken: (input) =>
      asManager(input.session, () => {
        const token = secretInUse('posApi.token', secrets, loaded.config);
        if (!token) return fail('NOT_FOUND', 'No POS API token is set yet; it is made at the first start.');
        m.audit('REVEAL_POS_TOKEN');
        return ok({ token });
      }),
  };
}

/** The queue as the manager sees it: each item with what to do about it, and the counts with the oldest wait. */
function queuePage(
  deps: ManagerOperationDeps,
  input: { state?: QueueItem['state']; limit: number; cursor?: string },
) {
  const page = deps.queue.list(input);
  if (!page.ok) return page;
  const now = deps.now();
  const items = page.value.items.map((view) => {
    const advice = adviceFor(deps.queue.item(view.itemId)!, now);
    return { ...view, ...(advice ? { advice: advice.text, adviceCode: advice.code } : {}) };
  });
  const summary = deps.queue.summary();
  const oldestPendingAgeMs = summary.oldestPendingAt
    ? Math.max(0, now.getTime() - Date.parse(summary.oldestPendingAt))
    : undefined;
  return ok({
    ...page.value,
    items,
    summary: { ...summary, ...(oldestPendingAgeMs !== undefined ? { oldestPendingAgeMs } : {}) },
  });
}
