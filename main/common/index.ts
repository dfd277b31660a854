// What the core and the renderer both need, pure (no Node, no DOM, no React): one copy of each.
export { currencySymbol, formatMinor, fractionDigits } from './money';
export { MAX_SCAN_BYTES } from './limits';
export { csvCell, csvDocument } from './csv';
