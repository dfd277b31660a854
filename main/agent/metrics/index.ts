// Fleet metrics: the contract's till_agent_* and the standard process metrics, scraped from the
// POS API (GET /v1/metrics) and, with metrics.otlp, pushed to an OpenTelemetry collector.
export { AgentMetrics, type MetricsSources } from './registry';
export type { OtlpConfig } from './otlp';
