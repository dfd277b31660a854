// The Grafana dashboard in resources/monitoring/ as the monitoring tests read it: its panels
// (rows' panels included) and every PromQL query it runs, Grafana's variables replaced.
import fs from 'node:fs';
import { variableQueryPromql, withoutGrafanaVariables } from './promql';

export interface DatasourceRef {
  type: string;
  uid: string;
}
export interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: DatasourceRef;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Array<{ expr?: string; refId: string; datasource?: DatasourceRef }>;
  panels?: Panel[];
}
export interface Variable {
  name: string;
  type: string;
  datasource?: DatasourceRef;
  query: string | { query: string };
}
export interface Dashboard {
  __inputs: Array<{ name: string; type: string; pluginId: string }>;
  schemaVersion: number;
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

export const readDashboard = (file: string): Dashboard =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Dashboard;

/** Every panel, rows' panels included. */
export const allPanels = (d: Dashboard): Panel[] => d.panels.flatMap((p) => [p, ...(p.panels ?? [])]);

export interface DashboardQuery {
  /** Where it is, for a failure's message: `panel "Title" A` or `variable site_id`. */
  where: string;
  panel?: string;
  /** Plain PromQL: Grafana's variables replaced (withoutGrafanaVariables). */
  promql: string;
}

/** Every PromQL query the dashboard runs: each panel's targets, then the variables'. */
export function dashboardQueries(d: Dashboard): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  for (const p of allPanels(d)) {
    for (const t of p.targets ?? []) {
      if (t.expr !== undefined)
        out.push({ where: `panel "${p.title}" ${t.refId}`, panel: p.title, promql: t.expr });
    }
  }
  for (const v of d.templating.list) {
    if (v.type !== 'query') continue;
    const promql = variableQueryPromql(typeof v.query === 'string' ? v.query : v.query.query);
    if (promql !== undefined) out.push({ where: `variable ${v.name}`, promql });
  }
  return out.map((q) => ({ ...q, promql: withoutGrafanaVariables(q.promql) }));
}
