// Talking to the Centegra Plus simulator over real HTTP in tests: the demo cards by what they
// are, one call that sends the demo API key (or none), and the error an answer carries.
import { Agent, request } from 'undici';
import { DEMO_API_KEY, demoCards } from '../../main/centegra-sim/index';

/** Kept-alive connections for a test file; close it in afterAll. */
export const simDispatcher = new Agent({ keepAliveTimeout: 1_000 });
export const till = { siteId: 'site-1', tillId: 'till-1' };

const cardOf = (i: number): string => {
  const card = demoCards[i];
  if (!card) throw new Error(`no demo card ${i}`);
  return card.cardNumber;
};
export const ACTIVE_50 = cardOf(0); // £50.00
export const PIN_CARD = cardOf(1); // £4.20, PIN 1234
export const EMPTY = cardOf(2);
export const INACTIVE = cardOf(3);
export const BLOCKED = cardOf(4);
export const EXPIRED = cardOf(5);
export const ACTIVE_250 = cardOf(6);

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
}

export interface CallOptions {
  /** null: send no key. */
  apiKey?: string | null;
  contentType?: string | null;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
}

export async function call(url: string, body?: unknown, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.apiKey !== null) headers['x-api-key'] = options.apiKey ?? DEMO_API_KEY;
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined && options.contentType !== null)
    headers['content-type'] = options.contentType ?? 'application/json';
  const res = await request(url, {
    dispatcher: simDispatcher,
    method: options.method ?? (body === undefined && options.raw === undefined ? 'GET' : 'POST'),
    headers,
    body: payload,
  });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

export const errorOf = (
  reply: Reply,
): { code?: string; message?: string; details?: Record<string, unknown> } =>
  (reply.body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }).error ??
  {};
