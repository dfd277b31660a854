import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, StreamFramer } from '../../main/agent/scan/stream-framer';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('serial framing', () => {
  it('ends a code at CR, LF, CRLF or Tab, keeping the suffix for the decoder', () => {
    const f = new StreamFramer(undefined, 50);
    expect(f.push(bytes('111\r222\n333\r\n444\t'), 0).map((x) => text(x.bytes))).toEqual([
      '111\r',
      '222\n',
      '333\r',
      '444\t',
    ]);
  });

  it('swallows the LF of a CRLF split across reads', () => {
    const f = new StreamFramer(undefined, 50);
    expect(f.push(bytes('6280390000000011\r'), 0).map((x) => text(x.bytes))).toEqual(['6280390000000011\r']);
    expect(f.push(bytes('\n6280390000000029\r'), 1).map((x) => text(x.bytes))).toEqual([
      '6280390000000029\r',
    ]);
  });

  it('joins a code split across reads', () => {
    const f = new StreamFramer(undefined, 50);
    expect(f.push(bytes('62803900'), 0)).toEqual([]);
    expect(f.push(bytes('00000011\r'), 5).map((x) => text(x.bytes))).toEqual(['6280390000000011\r']);
  });

  it('uses a configured suffix (ETX) instead of the defaults', () => {
    const f = new StreamFramer(['\u0003'], 50);
    expect(f.push(bytes('12\r34\u0003'), 0).map((x) => text(x.bytes))).toEqual(['12\r34\u0003']);
  });

  it('without a suffix, a pause of gapMs ends the code', () => {
    const f = new StreamFramer([], 50);
    expect(f.push(bytes('6280390000000011'), 100)).toEqual([]);
    expect(f.idleDueInMs(120)).toBe(30);
    expect(f.flushIfIdle(120)).toBeUndefined();
    expect(text(f.flushIfIdle(150)!.bytes)).toBe('6280390000000011');
    expect(f.idleDueInMs(151)).toBeUndefined();
  });

  it('a pause before new bytes ends the code that was waiting', () => {
    const f = new StreamFramer([], 50);
    f.push(bytes('1111'), 0);
    expect(f.push(bytes('2222'), 200).map((x) => text(x.bytes))).toEqual(['1111']);
  });

  it('drops a code that grows past the limit instead of growing memory', () => {
    let dropped = 0;
    const f = new StreamFramer(undefined, 50, { dropped: () => dropped++ });
    const flood = new Uint8Array(MAX_FRAME_BYTES * 3).fill(0x41);
    expect(f.push(flood, 0)).toEqual([]);
    expect(dropped).toBe(2);
    const [frame] = f.push(bytes('\r'), 1);
    expect(frame!.bytes.length).toBeLessThanOrEqual(MAX_FRAME_BYTES + 1);
  });

  it('never throws, never loses or invents a byte (but the LF of CRLF)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 30 }), (chunks) => {
        const f = new StreamFramer(undefined, 50);
        const out: number[] = [];
        chunks.forEach((c, i) => f.push(c, i).forEach((fr) => out.push(...fr.bytes)));
        const rest = f.flushIfIdle(1e9);
        if (rest) out.push(...rest.bytes);
        const input = chunks.flatMap((c) => [...c]);
        const withoutSwallowed = input.filter((b, i) => !(b === 0x0a && input[i - 1] === 0x0d));
        expect(out.filter((b) => b !== 0x0a)).toEqual(withoutSwallowed.filter((b) => b !== 0x0a));
      }),
    );
  });
});
