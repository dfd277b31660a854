// Troubleshooting: the six checks, in Centegra's order, with their fixes.
export {
  formatChecks,
  reachHost,
  runChecks,
  diagnosticsReport,
  type Check,
  type CheckId,
  type DiagnosticsInput,
} from './checks';
