// The lexer the monitoring tests use to find the metric names in alert rules and dashboard
// queries: it must find every name, and take nothing else (a function, an aggregation, a label,
// a duration) for one.
import { describe, expect, it } from 'vitest';
import {
  exposedMetricNames,
  metricNames,
  variableQueryPromql,
  withoutGrafanaVariables,
} from '../helpers/promql';

describe('metricNames', () => {
  it.each([
    ['up', ['up']],
    ['till_agent_centegra_online == 0', ['till_agent_centegra_online']],
    ['till_agent_queue_items{state="failed"} > 0', ['till_agent_queue_items']],
    [
      'histogram_quantile(0.95, sum by (le, operation) (rate(till_agent_centegra_request_duration_seconds_bucket[5m])))',
      ['till_agent_centegra_request_duration_seconds_bucket'],
    ],
    [
      'sum(rate(x_total[5m] offset 1h)) by (result) / ignoring (result) group_left sum(rate(y_total[1h30m:1m]))',
      ['x_total', 'y_total'],
    ],
    [
      'a * on (instance, job) group_left (site_id, till_id) group by (instance, job, site_id, till_id) (b{site_id=~".*"})',
      ['a', 'b'],
    ],
    ['topk by (instance, job) (1, last_over_time(info[1d]))', ['info']],
    ['{__name__="till_agent_info", till_id="T01"}', ['till_agent_info']],
    ['count_values("version", v) or vector(0) and on() absent(w) unless x atan2 y', ['v', 'w', 'x', 'y']],
    ['label_replace(m, "dst", "$1", "src", "(by|sum|up)") > bool 1e3 + Inf - NaN', ['m']],
    ['sum without (by, on) (recorded:rule:rate5m) @ start()', ['recorded:rule:rate5m']],
    ['# a comment naming not_a_metric\nmetric_after_comment', ['metric_after_comment']],
  ])('%s names %j', (expr, names) => {
    expect(metricNames(expr)).toEqual({ metrics: names, unnamed: [] });
  });

  it('a regular expression on __name__ is reported as something it cannot name', () => {
    expect(metricNames('{__name__=~"till_agent_.*"}')).toEqual({
      metrics: [],
      unnamed: ['__name__=~"till_agent_.*"'],
    });
  });

  it('an identifier it does not know as a function or keyword counts as a metric name', () => {
    expect(metricNames('sum by (x) (summ)').metrics).toEqual(['summ']);
  });
});

describe('Grafana queries', () => {
  it('replaces the interval variables with durations and the others with .*', () => {
    expect(
      withoutGrafanaVariables(
        'rate(m{site_id=~"$site_id", till_id=~"${till_id}", job=~"[[job]]"}[$__rate_interval])',
      ),
    ).toBe('rate(m{site_id=~".*", till_id=~".*", job=~".*"}[4m])');
  });

  it('finds the PromQL in a variable query', () => {
    expect(variableQueryPromql('label_values(till_agent_info{job=~"$job"}, site_id)')).toBe(
      'till_agent_info{job=~"$job"}',
    );
    expect(variableQueryPromql('query_result(count by (version) (till_agent_info))')).toBe(
      'count by (version) (till_agent_info)',
    );
    expect(variableQueryPromql('label_values(job)')).toBeUndefined();
    expect(() => variableQueryPromql('metrics(till_agent_.*)')).toThrow(/does not read/);
  });
});

describe('exposedMetricNames', () => {
  it('counts the samples, and what TYPE declares for a metric with no sample yet', () => {
    const text = [
      '# HELP till_agent_info The agent.',
      '# TYPE till_agent_info gauge',
      'till_agent_info{version="1.1.0",site_id="S001",till_id="T01"} 1',
      '# TYPE till_agent_deliveries_total counter',
      '# TYPE till_agent_centegra_request_duration_seconds histogram',
      'process_cpu_seconds_total 0.5',
      '',
    ].join('\n');
    expect([...exposedMetricNames(text)].sort()).toEqual([
      'process_cpu_seconds_total',
      'till_agent_centegra_request_duration_seconds',
      'till_agent_centegra_request_duration_seconds_bucket',
      'till_agent_centegra_request_duration_seconds_count',
      'till_agent_centegra_request_duration_seconds_sum',
      'till_agent_deliveries_total',
      'till_agent_info',
    ]);
  });
});
