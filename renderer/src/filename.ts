// Names for files the screen saves from what the agent sent (the queue as CSV, the support bundle):
// safe on any till, whatever the agent or a bridge in between put in them.

const MAX_FILENAME = 100;

/**
 * A file name safe to save under on any till: no folders, only letters, digits, `.`, `_` and `-`,
 * not hidden, at most 100 characters, ending in `.<extension>`; `fallback` when nothing is left.
 * The agent's own names pass unchanged.
 */
export function safeFilename(name: string, extension: string, fallback: string): string {
  const suffix = `.${extension}`;
  const base = name.split(/[/\\]/).pop() ?? '';
  let stem = base;
  if (stem.toLowerCase().endsWith(suffix.toLowerCase())) stem = stem.slice(0, -suffix.length);
  stem = stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '');
  stem = stem.slice(0, MAX_FILENAME - suffix.length).replace(/[.-]+$/, '');
  return stem === '' ? fallback : `${stem}${suffix}`;
}
