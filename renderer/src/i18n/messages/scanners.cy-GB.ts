// The Scanners tab, Diagnostics and the support bundle, in Welsh.
import type { scanners as english } from './scanners.en-GB';

export const scanners: Record<keyof typeof english, string> = {};
