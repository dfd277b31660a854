// One timer for every Centegra call's deadline: each call expires timeoutMs after it started,
// unless it ended first, and the timer is armed only while a call is waiting.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from '../../main/agent/centegra/deadlines';

describe('Deadlines', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const clock = () => performance.now();

  it('expires a call timeoutMs after it started, and not before', () => {
    const deadlines = new Deadlines(1000, clock);
    const expired = vi.fn();
    deadlines.start(expired);
    vi.advanceTimersByTime(999);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(deadlines.size).toBe(0);
  });

  it('never expires a call that ended in time', () => {
    const deadlines = new Deadlines(1000, clock);
    const expired = vi.fn();
    deadlines.start(expired).done();
    vi.advanceTimersByTime(2000);
    expect(expired).not.toHaveBeenCalled();
    expect(deadlines.size).toBe(0);
  });

  it('expires overlapping calls each at its own deadline, with one timer at a time', () => {
    const deadlines = new Deadlines(1000, clock);
    const expired: string[] = [];
    deadlines.start(() => expired.push('a'));
    vi.advanceTimersByTime(300);
    const b = deadlines.start(() => expired.push('b'));
    vi.advanceTimersByTime(300);
    deadlines.start(() => expired.push('c'));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(400); // t=1000: a
    expect(expired).toEqual(['a']);
    b.done();
    vi.advanceTimersByTime(300); // t=1300: b ended in time
    expect(expired).toEqual(['a']);
    vi.advanceTimersByTime(300); // t=1600: c
    expect(expired).toEqual(['a', 'c']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('arms again for a call started once all before it had ended', () => {
    const deadlines = new Deadlines(1000, clock);
    deadlines.start(() => {}).done();
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
    const expired = vi.fn();
    deadlines.start(expired);
    vi.advanceTimersByTime(1000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('a call started while others expire gets its full time', () => {
    const deadlines = new Deadlines(1000, clock);
    const later = vi.fn();
    deadlines.start(() => deadlines.start(later));
    vi.advanceTimersByTime(1000);
    expect(later).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(999);
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(later).toHaveBeenCalledTimes(1);
  });
});
