// The Scanners tab, Diagnostics and the support bundle, in English.
export const scanners = {} as const;
