// Centegra's idempotency by requestId: the first business answer is kept and replayed for the
// same body; the same requestId with another body or endpoint is a conflict.
import type { Answer } from './answers';

/** JSON with object keys sorted at every depth, so two bodies compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // fromEntries, not assignment: a "__proto__" key from JSON.parse must stay an ordinary key.
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

interface StoredAnswer {
  endpoint: string;
  canonicalBody: string;
  answer: Answer;
}

export type Lookup =
  { kind: 'new' } | { kind: 'replay'; answer: Answer } | { kind: 'conflict'; endpoint: string };

/**
 * Which answers Centegra keeps: successes and business outcomes a retry must see again. Not
 * 400/401/403/429/5xx: those say the request never reached Factor4, so a retry may succeed.
 */
export function isStorable(answer: Answer): boolean {
  if (answer.status === 200 || answer.status === 404 || answer.status === 422) return true;
  const code = errorCodeOf(answer);
  return answer.status === 409 && (code === 'ALREADY_VOIDED' || code === 'HOLD_CAPTURED');
}

export function errorCodeOf(answer: Answer): string | undefined {
  const body = answer.body as { error?: { code?: unknown } } | null;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}

export class IdempotencyStore {
  private readonly answers = new Map<string, StoredAnswer>();

  lookup(requestId: string, endpoint: string, body: unknown): Lookup {
    const stored = this.answers.get(requestId);
    if (!stored) return { kind: 'new' };
    if (stored.endpoint !== endpoint || stored.canonicalBody !== canonicalJson(body)) {
      return { kind: 'conflict', endpoint: stored.endpoint };
    }
    return {
      kind: 'replay',
      answer: { status: stored.answer.status, body: structuredClone(stored.answer.body) },
    };
  }

  /** Keeps the answer if it is one Centegra keeps; the first one wins. */
  remember(requestId: string, endpoint: string, body: unknown, answer: Answer): void {
    if (!isStorable(answer) || this.answers.has(requestId)) return;
    this.answers.set(requestId, {
      endpoint,
      canonicalBody: canonicalJson(body),
      answer: { status: answer.status, body: structuredClone(answer.body) },
    });
  }

  clear(): void {
    this.answers.clear();
  }

  get size(): number {
    return this.answers.size;
  }
}
