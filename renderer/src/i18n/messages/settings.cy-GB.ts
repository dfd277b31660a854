// The Settings view, in Welsh.
import type { settings as english } from './settings.en-GB';

export const settings: Record<keyof typeof english, string> = {};
