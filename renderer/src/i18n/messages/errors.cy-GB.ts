// The words for every error code, per action (error-words.ts), and the Till screen's other results: a closed or held sale, offline cards, the top-up steps, money typed wrong, in Welsh.
import type { errors as english } from './errors.en-GB';

export const errors: Record<keyof typeof english, string> = {};
