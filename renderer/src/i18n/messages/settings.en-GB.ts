// The Settings view, in English.
export const settings = {} as const;
