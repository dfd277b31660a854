// Fault settings: their validation and merging, and the seeded dice that make rates reproducible.
import { describe, expect, it } from 'vitest';
import {
  capabilitiesOf,
  defaultFaults,
  faultsApplyTo,
  pathOffered,
  FaultsError,
  hits,
  mergeFaults,
  mulberry32,
} from '../../main/centegra-sim/faults';

describe('mergeFaults', () => {
  it('changes only the keys given', () => {
    const merged = mergeFaults(
      { ...defaultFaults(), latencyMs: 50 },
      { errorRate: 0.25, paths: ['/baskets/close'] },
    );
    expect(merged).toEqual({ ...defaultFaults(), latencyMs: 50, errorRate: 0.25, paths: ['/baskets/close'] });
  });

  it('returns a copy that does not share arrays with its input', () => {
    const current = { ...defaultFaults(), paths: ['/status'] };
    const merged = mergeFaults(current, {});
    merged.paths.push('/cards/inquiry');
    expect(current.paths).toEqual(['/status']);
  });

  it.each([
    [{ errorRate: 1.5 }, 'errorRate: must be between 0 and 1'],
    [{ dropAfterProcessingRate: -0.1 }, 'dropAfterProcessingRate: must be between 0 and 1'],
    [{ errorStatus: 502 }, 'errorStatus'],
    [{ latencyMs: 12.5 }, 'latencyMs'],
    [{ paths: ['/cards/inquiri'] }, 'paths.0'],
    [{ rateLimited: { retryAfterS: -1 } }, 'rateLimited.retryAfterS'],
    [{ centegraUnavailable: { retryAfterS: 1.5 } }, 'centegraUnavailable.retryAfterS'],
    [{ noHolds: 'yes' }, 'noHolds'],
    [{ noRefunds: 1 }, 'noRefunds'],
    [{ latency: 10 }, 'latency'],
    [{ down: 'yes' }, 'down'],
  ])('refuses %j naming the field', (patch, field) => {
    expect(() => mergeFaults(defaultFaults(), patch)).toThrow(FaultsError);
    expect(() => mergeFaults(defaultFaults(), patch)).toThrow(field);
  });

  it('accepts null to lift the rate limit', () => {
    const limited = mergeFaults(defaultFaults(), { rateLimited: { retryAfterS: 3 } });
    expect(limited.rateLimited).toEqual({ retryAfterS: 3 });
    expect(mergeFaults(limited, { rateLimited: null }).rateLimited).toBeNull();
  });
});

describe('faultsApplyTo', () => {
  it('means every path when paths is empty, else only those named', () => {
    expect(faultsApplyTo(defaultFaults(), '/status')).toBe(true);
    const only = { ...defaultFaults(), paths: ['/baskets/close'] };
    expect(faultsApplyTo(only, '/baskets/close')).toBe(true);
    expect(faultsApplyTo(only, '/cards/inquiry')).toBe(false);
  });
});

describe('capabilities', () => {
  it('lists HOLDS and REFUNDS unless switched off, and offers their paths only then', () => {
    expect(capabilitiesOf(defaultFaults())).toEqual(['HOLDS', 'REFUNDS']);
    const noHolds = { ...defaultFaults(), noHolds: true };
    expect(capabilitiesOf(noHolds)).toEqual(['REFUNDS']);
    expect(pathOffered(noHolds, '/cards/holds')).toBe(false);
    expect(pathOffered(noHolds, '/cards/holds/release')).toBe(false);
    expect(pathOffered(noHolds, '/cards/refunds')).toBe(true);
    expect(pathOffered(noHolds, '/baskets/close')).toBe(true);
    const noRefunds = { ...defaultFaults(), noRefunds: true };
    expect(capabilitiesOf(noRefunds)).toEqual(['HOLDS']);
    expect(pathOffered(noRefunds, '/cards/refunds')).toBe(false);
  });
});

describe('mulberry32 and hits', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(seqA);
    expect(Array.from({ length: 20 }, c)).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('hits about as often as the rate says', () => {
    const random = mulberry32(7);
    const n = 10_000;
    let hit = 0;
    for (let i = 0; i < n; i++) if (hits(random, 0.3)) hit++;
    expect(hit / n).toBeGreaterThan(0.27);
    expect(hit / n).toBeLessThan(0.33);
  });

  it('does not draw for rates 0 and 1, so they do not shift the sequence', () => {
    let draws = 0;
    const counting = () => {
      draws++;
      return 0.5;
    };
    expect(hits(counting, 0)).toBe(false);
    expect(hits(counting, 1)).toBe(true);
    expect(draws).toBe(0);
    expect(hits(counting, 0.6)).toBe(true);
    expect(draws).toBe(1);
  });
});
