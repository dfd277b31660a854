// Saving what the agent produced (the queue as CSV, the support bundle as a zip) as a file the
// manager can open: a Blob, an object URL and a temporary <a download>. A download needs no CSP
// source: it fetches nothing into the page.
import { safeCsvFilename } from './manager';

/** How long the object URL lives after the click: long enough for the browser to start the download. */
const REVOKE_AFTER_MS = 60_000;

/** Saves `data` under `name` (already made safe by the caller); returns the name. */
export function saveFile(name: string, data: BlobPart, type: string): string {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return name;
}

export function saveCsv(filename: string, csv: string): string {
  return saveFile(safeCsvFilename(filename), csv, 'text/csv;charset=utf-8');
}
