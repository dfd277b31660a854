// GS1 Digital Link URIs (https://id.example/01/09506000134352/21/abc?8004=…): AI/value pairs in
// the path after any stem, and AI keys in the query. Uncompressed form only.
import type { Gs1Element } from './gs1';
import { decodeComponent, type ScannedUrl } from './url';

/** AIs that may open a Digital Link path (primary keys), including the gift card ones. */
const PRIMARY_KEYS = new Set([
  '00',
  '01',
  '253',
  '255',
  '401',
  '402',
  '414',
  '417',
  '8003',
  '8004',
  '8006',
  '8010',
  '8013',
  '8017',
  '8018',
]);
const AI = /^[0-9]{2,4}$/;

/** An element of a link, with its value as written there (still percent-encoded). */
export interface LinkElement extends Gs1Element {
  raw: string;
}

export type DigitalLink = { elements: LinkElement[] } | 'malformed' | undefined;

/** The elements of a Digital Link; undefined when the URL carries no AIs; 'malformed' when a value cannot be decoded. */
export function parseDigitalLink(url: ScannedUrl): DigitalLink {
  const { segments } = url;
  // pairsFrom[i]: segments i.. are whole AI/value pairs. Computed from the end so the search for
  // the path's first primary key stays linear however many segments a hostile code has.
  const pairsFrom: boolean[] = new Array<boolean>(segments.length + 2).fill(false);
  pairsFrom[segments.length] = true;
  for (let i = segments.length - 2; i >= 0; i--) {
    pairsFrom[i] = AI.test(segments[i] ?? '') && pairsFrom[i + 2] === true;
  }
  const start = segments.findIndex((s, i) => PRIMARY_KEYS.has(s) && pairsFrom[i] === true);

  const raw: Array<{ ai: string; value: string; plusIsSpace: boolean }> = [];
  if (start !== -1) {
    for (let i = start; i + 1 < segments.length; i += 2) {
      raw.push({ ai: segments[i] ?? '', value: segments[i + 1] ?? '', plusIsSpace: false });
    }
  }
  for (const { key, value } of url.query) {
    if (AI.test(key)) raw.push({ ai: key, value, plusIsSpace: true });
  }
  if (raw.length === 0) return undefined;

  const elements: LinkElement[] = [];
  for (const r of raw) {
    const value = decodeComponent(r.value, r.plusIsSpace);
    if (value === undefined) return 'malformed';
    elements.push({ ai: r.ai, value, raw: r.value });
  }
  return { elements };
}
