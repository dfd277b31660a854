// A real Prometheus (Debian's `prometheus`) scraping a running agent every second with the
// metrics token, configured from resources/monitoring/prometheus.example.yml and loaded with the
// shipped alert rules: it names the till, and after an outage its query API returns the queue
// depth the agent reports, until Centegra Plus is back and the queue drains to 0. Skipped, saying
// why, where Prometheus is not installed (.ci/run installs it).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { repoRoot } from '../helpers/cli';
import { dashboardQueries, readDashboard } from '../helpers/grafana';
import { GBP, lines, newCard, until } from '../helpers/money';
import { hasPrometheus, NOT_INSTALLED, startPrometheus, type RunningPrometheus } from '../helpers/prometheus';
import { startDemo, type Started } from '../helpers/runtime';
import { tempDir } from '../helpers/tmp';

const monitoring = path.join(repoRoot, 'resources', 'monitoring');
const METRICS_TOKEN = 'metrics-token-of-the-prometheus-test';
const SALES = 4;
/** Scrapes every second: a change is seen within a few. */
const SEEN_WITHIN_MS = 15_000;

if (!hasPrometheus) console.log(`prometheus: the real-Prometheus test is skipped: ${NOT_INSTALLED}`);

/** The example config's till job, pointed at this agent: plain HTTP on loopback, a 1 s scrape. */
function prometheusConfig(target: string, tokenFile: string): string {
  const example = YAML.parse(fs.readFileSync(path.join(monitoring, 'prometheus.example.yml'), 'utf8'));
  const job = example.scrape_configs.find((j: { job_name: string }) => j.job_name === 'till-agent');
  delete job.tls_config;
  Object.assign(job, {
    scheme: 'http',
    scrape_interval: '1s',
    scrape_timeout: '1s',
    static_configs: [{ targets: [target] }],
  });
  job.authorization.credentials_file = tokenFile;
  return YAML.stringify({
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [path.join(monitoring, 'till-agent.rules.yml')],
    scrape_configs: [job],
  });
}

describe.skipIf(!hasPrometheus)('a real Prometheus scraping a running agent', () => {
  let till: Started;
  let prometheus: RunningPrometheus;
  let folder: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    folder = tempDir('till-agent-prometheus-');
    till = await startDemo({
      config: { closeWaitMs: 0, metrics: { token: METRICS_TOKEN } },
      onlineProbeMs: 200,
    });
    const tokenFile = path.join(folder.dir, 'till-agent.token');
    fs.writeFileSync(tokenFile, `${METRICS_TOKEN}\n`, { mode: 0o600 });
    const target = new URL(till.runtime.origin).host;
    prometheus = await startPrometheus(prometheusConfig(target, tokenFile), folder.dir);
  }, 30_000);

  afterAll(async () => {
    await prometheus?.stop();
    await till?.stop();
    folder?.remove();
  });

  /** The value of a query that returns one sample, or undefined while it returns none. */
  const value = async (promql: string): Promise<number | undefined> => {
    const samples = await prometheus.query(promql);
    if (samples.length > 1) throw new Error(`${promql} returned ${samples.length} samples`);
    return samples[0]?.value;
  };
  const sees = (promql: string, expected: number, what: string) =>
    until(
      async () => (await value(promql)) === expected,
      `${what} (${promql} = ${expected})`,
      SEEN_WITHIN_MS,
    ).catch(async (e: Error) => {
      throw new Error(
        `${e.message}; Prometheus has ${JSON.stringify(await prometheus.query(promql))}\n${prometheus.output()}`,
      );
    });
  const health = async () => (await till.api('GET', '/v1/health')).json;

  it('scrapes the agent with the metrics token and names the till by till_agent_info', async () => {
    await sees('up{job="till-agent"}', 1, 'the scrape succeeds');
    const { till: ids, version } = await health();
    const info = await prometheus.query('till_agent_info');
    expect(info).toHaveLength(1);
    expect(info[0]!.metric).toMatchObject({
      job: 'till-agent',
      instance: new URL(till.runtime.origin).host,
      site_id: ids.siteId,
      till_id: ids.tillId,
      version,
    });
    await sees('till_agent_centegra_online', 1, 'Centegra Plus (the simulator) is online');
    await sees('till_agent_storage_ok', 1, 'the till can store sales');
  });

  it('after an outage returns the queue depth the agent reports, then 0 once Centegra Plus is back', async () => {
    const sim = till.runtime.simulator!;
    const ok = async (method: string, url: string, body: unknown, statuses = [200]) => {
      const r = await till.api(method, url, { body });
      expect(statuses, `${method} ${url}: ${r.text}`).toContain(r.status);
      return r.json;
    };
    // Gift cards applied while Centegra answers; the sales closed while it does not.
    for (let i = 0; i < SALES; i++) {
      await ok('PUT', `/v1/baskets/prom-${i}`, { currency: GBP, totalMinor: 500, lines: lines(500) });
      await ok('POST', `/v1/baskets/prom-${i}/gift-cards`, { cardNumber: newCard(sim, 5000) });
    }
    const deliveredBefore = (await value('till_agent_deliveries_total{result="delivered"}')) ?? 0;
    sim.setFaults({ down: true });
    for (let i = 0; i < SALES; i++) {
      const closed = await ok('POST', `/v1/baskets/prom-${i}/close`, { otherTenders: [] }, [202]);
      expect(closed.state).toBe('QUEUED');
    }
    await until(async () => (await health()).centegra.state !== 'ONLINE', 'the till sees Centegra away');

    const { queue } = await health();
    expect(queue.pending).toBe(SALES);
    await sees('till_agent_queue_items{state="pending"}', queue.pending, 'the queue depth after the outage');
    await sees('till_agent_centegra_online', 0, 'the till offline');
    expect(await value('till_agent_queue_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    // The shipped rule reads the same series: the offline alert stands pending (it fires after 10
    // minutes), naming the till.
    const { till: ids } = await health();
    await until(
      async () =>
        (await prometheus.alerts()).some(
          (a) =>
            a.labels.alertname === 'TillCentegraOffline' &&
            a.labels.site_id === ids.siteId &&
            a.labels.till_id === ids.tillId &&
            a.state === 'pending',
        ),
      'TillCentegraOffline pending for this till',
      SEEN_WITHIN_MS,
    );

    sim.clearFaults();
    await until(async () => (await health()).queue.pending === 0, 'the queue drains', 20_000);
    await sees('till_agent_queue_items{state="pending"}', 0, 'the drained queue');
    await sees('till_agent_centegra_online', 1, 'the till online again');
    await sees('till_agent_queue_items{state="failed"}', 0, 'no sale failed');
    await sees(
      'till_agent_deliveries_total{result="delivered"}',
      deliveredBefore + SALES,
      'each queued sale delivered once',
    );
    await until(
      async () => !(await prometheus.alerts()).some((a) => a.labels.alertname === 'TillCentegraOffline'),
      'TillCentegraOffline gone',
      SEEN_WITHIN_MS,
    );
  }, 90_000);

  it('runs every query of the Grafana dashboard (variables at All) and shows this till in its panels', async () => {
    const { till: ids } = await health();
    const queries = dashboardQueries(readDashboard(path.join(monitoring, 'grafana-dashboard.json')));
    const answers = new Map<string, Awaited<ReturnType<RunningPrometheus['query']>>>();
    for (const q of queries) answers.set(q.where, await prometheus.query(q.promql)); // throws on an error
    const at = (where: string) => {
      const samples = answers.get(where);
      if (!samples) throw new Error(`no query ${where}: ${[...answers.keys()].join(', ')}`);
      return samples;
    };
    // The estate's figures after the outage: one till, online, nothing waiting or failed.
    expect(at('panel "Tills online" A').map((s) => s.value)).toEqual([1]);
    expect(at('panel "Tills offline from Centegra" A').map((s) => s.value)).toEqual([0]);
    expect(at('panel "Tills not answering" A').map((s) => s.value)).toEqual([0]);
    expect(at('panel "Sales waiting" A').map((s) => s.value)).toEqual([0]);
    expect(at('panel "Failed sales" A').map((s) => s.value)).toEqual([0]);
    expect(at('panel "Tills that cannot store sales" A').map((s) => s.value)).toEqual([0]);
    // Each till's series carry its site and till, by the join with till_agent_info.
    const named = { site_id: ids.siteId, till_id: ids.tillId };
    for (const where of [
      'panel "Link to Centegra Plus by till" A',
      'panel "Sales waiting by till" A',
      'panel "Oldest waiting sale by till" A',
      'panel "Scanners connected by till" A',
      'panel "Storage by till" A',
      'panel "Tills now" A',
      'panel "Tills now" B',
    ]) {
      expect(at(where), where).toEqual([expect.objectContaining({ metric: expect.objectContaining(named) })]);
    }
    // Centegra answered the inquiries, holds and closes: its p95 has a figure by operation.
    const p95 = at('panel "Centegra latency p95 by operation" A');
    expect(p95.length).toBeGreaterThan(0);
    for (const s of p95) expect(s.metric.operation).toEqual(expect.any(String));
    expect(p95.some((s) => Number.isFinite(s.value) && s.value > 0)).toBe(true);
    // The variables offer this till.
    expect(at('variable site_id')).toEqual([
      expect.objectContaining({ metric: expect.objectContaining(named) }),
    ]);
  });
});
