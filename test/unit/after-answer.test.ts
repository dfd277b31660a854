// Work an answer need not wait for runs once it is out: after the caller has its answer, in the
// order asked for, and one piece that throws neither stops the others nor reaches the caller.
import { describe, expect, it, vi } from 'vitest';
import { afterAnswer, logAfterAnswer } from '../../main/agent/after-answer';
import type { Logger } from '../../main/agent/logger';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('after the answer', () => {
  it('runs nothing before the answer, then everything, in order', async () => {
    const done: string[] = [];
    const answer = async () => {
      afterAnswer(() => done.push('first'));
      afterAnswer(() => done.push('second'));
      return 'answer';
    };
    expect(await answer()).toBe('answer');
    expect(done).toEqual([]);
    await nextTurn();
    expect(done).toEqual(['first', 'second']);
  });

  it('goes on past a piece that throws', async () => {
    const done: string[] = [];
    afterAnswer(() => {
      throw new Error('the log is closed');
    });
    afterAnswer(() => done.push('after it'));
    await nextTurn();
    expect(done).toEqual(['after it']);
  });

  it('what a piece asks for in turn waits for the next turn, behind what came meanwhile', async () => {
    const done: string[] = [];
    afterAnswer(() => {
      done.push('a');
      afterAnswer(() => done.push('asked by a'));
    });
    afterAnswer(() => done.push('b'));
    await nextTurn();
    expect(done).toEqual(['a', 'b']);
    await nextTurn();
    expect(done).toEqual(['a', 'b', 'asked by a']);
  });

  it('writes a log line at its level once the answer is out', async () => {
    const info = vi.fn<Logger['info']>();
    const warn = vi.fn<Logger['warn']>();
    const log: Logger = { debug: () => {}, info, warn, error: () => {} };
    logAfterAnswer(log, { refundId: 'r1' }, 'refund stored');
    logAfterAnswer(log, { card: '…1234' }, 'top-up not confirmed yet', 'warn');
    expect(info).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    await nextTurn();
    expect(info).toHaveBeenCalledWith({ refundId: 'r1' }, 'refund stored');
    expect(warn).toHaveBeenCalledWith({ card: '…1234' }, 'top-up not confirmed yet');
  });
});
