// resources/monitoring/ as IT uses it: the alert rules pass promtool's check and their own unit
// tests; the Grafana dashboard imports anywhere and every query in it is valid PromQL; and the
// rules and the dashboard name only metrics the agent exports — read from a running agent's
// GET /v1/metrics, not from a list kept by hand — or Prometheus's own `up`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { repoRoot } from '../helpers/cli';
import { allPanels, dashboardQueries, readDashboard } from '../helpers/grafana';
import { exposedMetricNames, metricNames } from '../helpers/promql';
import { hasPromtool, NOT_INSTALLED, promtool } from '../helpers/prometheus';
import { startDemo, type Started } from '../helpers/runtime';
import { tempDir } from '../helpers/tmp';

const dir = path.join(repoRoot, 'resources', 'monitoring');
const RULES = path.join(dir, 'till-agent.rules.yml');
const DASHBOARD = path.join(dir, 'grafana-dashboard.json');
const EXAMPLE = path.join(dir, 'prometheus.example.yml');
/** What Prometheus itself adds for every target it scrapes. */
const PROMETHEUS_OWN = ['up'];

if (!hasPromtool) console.log(`monitoring: promtool tests skipped: ${NOT_INSTALLED}`);

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
}
const rules = (): Rule[] =>
  (YAML.parse(fs.readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap(
    (g) => g.rules,
  );

const dashboard = () => readDashboard(DASHBOARD);

/** Each expression as a recording rule, so that `promtool check rules` parses it as PromQL. */
function checkPromql(queries: Array<{ where: string; promql: string }>): {
  code: number | null;
  output: string;
} {
  const t = tempDir('till-agent-promql-');
  try {
    const file = path.join(t.dir, 'queries.rules.yml');
    const groups = [
      {
        name: 'dashboard',
        rules: queries.map((q, i) => ({ record: `dashboard:query:${i}`, expr: q.promql })),
      },
    ];
    fs.writeFileSync(file, YAML.stringify({ groups }));
    return promtool(['check', 'rules', file]);
  } finally {
    t.remove();
  }
}

let agent: Started;
let exported: Set<string>;

beforeAll(async () => {
  agent = await startDemo();
  const r = await agent.api('GET', '/v1/metrics');
  expect(r.status, r.text).toBe(200);
  exported = exposedMetricNames(r.text);
});
afterAll(async () => {
  await agent?.stop();
});

/** The names in `promql` that are neither exported by the agent nor Prometheus's own. */
function unknownNames(promql: string): string[] {
  const { metrics, unnamed } = metricNames(promql);
  return [...metrics.filter((m) => !exported.has(m) && !PROMETHEUS_OWN.includes(m)), ...unnamed];
}

describe('the running agent', () => {
  it('exports the metrics the contract names (the list the checks below hold the files to)', () => {
    for (const name of [
      'till_agent_info',
      'till_agent_centegra_online',
      'till_agent_queue_items',
      'till_agent_queue_oldest_pending_age_seconds',
      'till_agent_deliveries_total',
      'till_agent_centegra_request_duration_seconds_bucket',
      'till_agent_scans_total',
      'till_agent_scanners_connected',
      'till_agent_storage_ok',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(exported, name).toContain(name);
    }
  });
});

describe('alert rules (till-agent.rules.yml)', () => {
  it.skipIf(!hasPromtool)('pass promtool check rules', () => {
    const r = promtool(['check', 'rules', RULES]);
    expect(r.output).toMatch(/SUCCESS: 6 rules found/);
    expect(r.code, r.output).toBe(0);
  });

  it.skipIf(!hasPromtool)(
    'pass their unit tests: each alert fires, and stays quiet, when till-agent.rules.test.yml says',
    () => {
      const r = promtool(['test', 'rules', 'till-agent.rules.test.yml'], dir);
      expect(r.code, r.output).toBe(0);
      expect(r.output).toMatch(/SUCCESS/);
    },
  );

  it('are the five alerts of the issue and the one for no till at all, each with a severity and what to do', () => {
    const all = rules();
    expect(all.map((r) => r.alert)).toEqual([
      'TillCentegraOffline',
      'TillSaleWaitingLong',
      'TillSaleFailed',
      'TillStorageNotOk',
      'TillAgentDown',
      'TillAgentsAbsent',
    ]);
    for (const r of all as Array<
      Rule & { labels: { severity: string }; annotations: Record<string, string> }
    >) {
      expect(['warning', 'critical'], r.alert).toContain(r.labels.severity);
      expect(Object.keys(r.annotations).sort(), r.alert).toEqual(['description', 'summary']);
    }
  });

  it('read only metrics the agent exports (or up)', () => {
    for (const r of rules()) expect(unknownNames(r.expr), r.alert).toEqual([]);
  });
});

describe('Grafana dashboard (grafana-dashboard.json)', () => {
  it('imports into any Grafana: one ${DS_PROMETHEUS} input, and every panel, query and variable on it', () => {
    const d = dashboard();
    expect(d.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }),
    ]);
    expect(d.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(d.uid).toBe('till-agent-estate');
    const onInput = { type: 'prometheus', uid: '${DS_PROMETHEUS}' };
    for (const p of allPanels(d).filter((p) => p.type !== 'row')) {
      expect(p.datasource, p.title).toEqual(onInput);
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets ?? []) expect(t.datasource, `${p.title} ${t.refId}`).toEqual(onInput);
    }
    for (const v of d.templating.list) expect(v.datasource, v.name).toEqual(onInput);
    expect(d.templating.list.map((v) => v.name)).toEqual(['job', 'site_id', 'till_id']);
  });

  it('lays its panels out on the 24-column grid without overlapping, each with its own id', () => {
    const panels = allPanels(dashboard());
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const cells = new Map<string, string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      expect(x + w, p.title).toBeLessThanOrEqual(24);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          const key = `${i},${j}`;
          expect(cells.get(key), `${p.title} overlaps at ${key}`).toBeUndefined();
          cells.set(key, p.title);
        }
    }
  });

  it('shows the estate overview the issue asks for', () => {
    const titles = allPanels(dashboard()).map((p) => p.title);
    for (const title of [
      'Link to Centegra Plus by till',
      'Sales waiting by till',
      'Oldest waiting sale by till',
      'Delivery failures by till',
      'Centegra latency p95 by operation',
    ]) {
      expect(titles).toContain(title);
    }
    const p95 = allPanels(dashboard()).find((p) => p.title === 'Centegra latency p95 by operation')!;
    expect(p95.targets![0]!.expr).toMatch(
      /^histogram_quantile\(0\.95, sum by \(le, operation\) \(rate\(till_agent_centegra_request_duration_seconds_bucket\[\$__rate_interval\]\)/,
    );
  });

  it.skipIf(!hasPromtool)(
    'runs only valid PromQL (each query checked by promtool as a recording rule)',
    () => {
      const queries = dashboardQueries(dashboard());
      expect(queries.length).toBeGreaterThan(20);
      const r = checkPromql(queries);
      expect(r.code, `${r.output}\n${queries.map((q, i) => `${i}: ${q.where}`).join('\n')}`).toBe(0);
    },
  );

  it('names only metrics the agent exports (or up), in every panel query and variable', () => {
    const queries = dashboardQueries(dashboard());
    const used = new Set<string>();
    for (const q of queries) {
      expect(unknownNames(q.promql), q.where).toEqual([]);
      for (const m of metricNames(q.promql).metrics) used.add(m);
    }
    // The check reads something: the names the panels are about are among those found.
    expect([...used].sort()).toEqual(
      expect.arrayContaining([
        'till_agent_centegra_online',
        'till_agent_centegra_request_duration_seconds_bucket',
        'till_agent_deliveries_total',
        'till_agent_info',
        'till_agent_queue_items',
        'till_agent_queue_oldest_pending_age_seconds',
        'till_agent_scanners_connected',
        'till_agent_storage_ok',
        'up',
      ]),
    );
  });

  it('a query naming a metric the agent does not export is caught (the check can fail)', () => {
    expect(unknownNames('sum(till_agent_queue_depth) + till_agent_centegra_online')).toEqual([
      'till_agent_queue_depth',
    ]);
  });
});

describe('Prometheus example config (prometheus.example.yml)', () => {
  it.skipIf(!hasPromtool)('passes promtool check config --syntax-only as shipped', () => {
    const r = promtool(['check', 'config', '--syntax-only', EXAMPLE]);
    expect(r.code, r.output).toBe(0);
  });

  it.skipIf(!hasPromtool)(
    'passes the full check, rules included, once its token and CA files exist where it says',
    () => {
      const t = tempDir('till-agent-promconfig-');
      try {
        const config = YAML.parse(fs.readFileSync(EXAMPLE, 'utf8'));
        const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'till-agent');
        job.authorization.credentials_file = path.join(t.dir, 'till-agent.token');
        job.tls_config.ca_file = path.join(t.dir, 'ca.pem');
        fs.writeFileSync(job.authorization.credentials_file, 'metrics-token-of-the-estate\n');
        fs.writeFileSync(job.tls_config.ca_file, '');
        config.rule_files = [RULES];
        const file = path.join(t.dir, 'prometheus.yml');
        fs.writeFileSync(file, YAML.stringify(config));
        const r = promtool(['check', 'config', file]);
        expect(r.code, r.output).toBe(0);
        expect(r.output).toMatch(/SUCCESS: 6 rules found/);
      } finally {
        t.remove();
      }
    },
  );

  it('scrapes the three tills of S001 on port 7420 at /v1/metrics with a bearer token from a file', () => {
    const config = YAML.parse(fs.readFileSync(EXAMPLE, 'utf8'));
    expect(config.rule_files).toEqual(['till-agent.rules.yml']);
    const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'till-agent');
    expect(job).toMatchObject({
      metrics_path: '/v1/metrics',
      authorization: { type: 'Bearer', credentials_file: expect.any(String) },
    });
    expect(job.static_configs[0].targets).toEqual([
      's001-t01.shop.example.net:7420',
      's001-t02.shop.example.net:7420',
      's001-t03.shop.example.net:7420',
    ]);
  });
});
