// Troubleshooting: the seven checks, in Centegra's order, with their fixes.
export {
  formatChecks,
  reachHost,
  runChecks,
  SITE_FIX,
  SITE_PROBE_CARD,
  diagnosticsReport,
  type Check,
  type CheckId,
  type DiagnosticsInput,
} from './checks';
