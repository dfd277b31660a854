// The faults a test or a demo can switch on at run time, their defaults and their validation,
// and the seeded random numbers that decide which request a rate-based fault hits.
import { z } from 'zod';

/** The API paths under the base URL; `Faults.paths` may name only these. */
export const apiPaths = [
  '/status',
  '/cards/inquiry',
  '/cards/issuance',
  '/baskets/close',
  '/transactions/void',
  '/cards/holds',
  '/cards/holds/release',
  '/cards/refunds',
] as const;
export type ApiPath = (typeof apiPaths)[number];

/** What Centegra 1.1 offers beyond 1.0, as /status lists it, and the paths that need each. */
export type Capability = 'HOLDS' | 'REFUNDS';
export const capabilityOf: Partial<Record<ApiPath, Capability>> = {
  '/cards/holds': 'HOLDS',
  '/cards/holds/release': 'HOLDS',
  '/cards/refunds': 'REFUNDS',
};

export interface Faults {
  /** Reset every connection at once, before anything is read or applied. */
  down: boolean;
  latencyMs: number;
  /** Uniform extra delay in [0, latencyJitterMs]. */
  latencyJitterMs: number;
  /** Share (0..1) of requests answered with `errorStatus` before anything is applied. */
  errorRate: number;
  errorStatus: 500 | 503;
  /** Share (0..1) of requests whose connection is reset AFTER the operation was applied. */
  dropAfterProcessingRate: number;
  /** Share (0..1) of Factor4 calls answered 504 FACTOR4_TIMEOUT AFTER the operation was applied. */
  factor4TimeoutRate: number;
  keyDisabled: boolean;
  factor4Down: boolean;
  siteNotConfigured: boolean;
  rateLimited: null | { retryAfterS: number };
  /** Centegra itself in maintenance: 503 CENTEGRA_UNAVAILABLE with Retry-After, before the key is read. */
  centegraUnavailable: null | { retryAfterS: number };
  /**
   * An older Centegra (or a Factor4 plan) without holds: /status does not list HOLDS and its paths
   * answer 404. Not limited by `paths`: it says which Centegra this is, not how it misbehaves.
   */
  noHolds: boolean;
  /** The same for refunds (REFUNDS, /cards/refunds). */
  noRefunds: boolean;
  /** Empty: faults act on every API path; else only on these, e.g. ['/baskets/close']. */
  paths: string[];
}

const rate = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

export const FaultsSchema = z.strictObject({
  down: z.boolean(),
  latencyMs: z.int().min(0).max(120_000),
  latencyJitterMs: z.int().min(0).max(120_000),
  errorRate: rate,
  errorStatus: z.union([z.literal(500), z.literal(503)]),
  dropAfterProcessingRate: rate,
  factor4TimeoutRate: rate,
  keyDisabled: z.boolean(),
  factor4Down: z.boolean(),
  siteNotConfigured: z.boolean(),
  rateLimited: z.strictObject({ retryAfterS: z.int().min(0).max(86_400) }).nullable(),
  centegraUnavailable: z.strictObject({ retryAfterS: z.int().min(0).max(86_400) }).nullable(),
  noHolds: z.boolean(),
  noRefunds: z.boolean(),
  paths: z.array(z.enum(apiPaths)),
});

/** A partial set of faults, as PATCH and setFaults take it. */
export const FaultsPatchSchema = FaultsSchema.partial();

export function defaultFaults(): Faults {
  return {
    down: false,
    latencyMs: 0,
    latencyJitterMs: 0,
    errorRate: 0,
    errorStatus: 500,
    dropAfterProcessingRate: 0,
    factor4TimeoutRate: 0,
    keyDisabled: false,
    factor4Down: false,
    siteNotConfigured: false,
    rateLimited: null,
    centegraUnavailable: null,
    noHolds: false,
    noRefunds: false,
    paths: [],
  };
}

/** One line per problem, `field: what is wrong`, for a 400 or a thrown error. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}

export class FaultsError extends RangeError {
  constructor(message: string) {
    super(`Invalid simulator faults: ${message}`);
    this.name = 'FaultsError';
  }
}

/** `current` with `patch` merged in; throws FaultsError naming every bad field. */
export function mergeFaults(current: Faults, patch: unknown): Faults {
  const parsed = FaultsPatchSchema.safeParse(patch);
  if (!parsed.success) throw new FaultsError(describeZodError(parsed.error));
  const merged = { ...current };
  // Only keys actually given: zod keeps absent keys absent, so the merge cannot reset them.
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return {
    ...merged,
    paths: [...merged.paths],
    rateLimited: merged.rateLimited ? { ...merged.rateLimited } : null,
    centegraUnavailable: merged.centegraUnavailable ? { ...merged.centegraUnavailable } : null,
  };
}

/** What this Centegra lists in /status, in the contract's order. */
export function capabilitiesOf(faults: Faults): Capability[] {
  return [...(faults.noHolds ? [] : ['HOLDS' as const]), ...(faults.noRefunds ? [] : ['REFUNDS' as const])];
}

/** False when the path belongs to a capability switched off: it answers 404 as a 1.0 Centegra would. */
export function pathOffered(faults: Faults, apiPath: ApiPath): boolean {
  const capability = capabilityOf[apiPath];
  return capability === undefined || capabilitiesOf(faults).includes(capability);
}

export function faultsApplyTo(faults: Faults, apiPath: string): boolean {
  return faults.paths.length === 0 || faults.paths.includes(apiPath);
}

/** mulberry32: tiny, fast and good enough to make fault rates reproducible from a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rolls a rate: never draws for 0 or 1, so switching a fault fully on or off does not shift the sequence. */
export function hits(random: () => number, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return random() < share;
}

export const DEFAULT_SEED = 0xf4f4;
