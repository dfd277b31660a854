// The keyboard-wedge detector on scripted key timelines: what a scanner types becomes one scan,
// what a person types reaches the field (at once, or replayed), and nothing is lost or doubled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GS,
  MAX_BURST,
  WedgeDetector,
  keyText,
  type BurstEnd,
  type WedgeKey,
  type WedgeSettings,
} from '../../renderer/src/wedge/detector';

/** A keydown in a script: its place in the script is how the tests follow it. */
interface Key extends WedgeKey {
  i: number;
}

type Step = { key: string; gap: number; ctrl?: boolean; alt?: boolean; meta?: boolean; tickAfter?: number };

/** What reached the page, in order: keys let through, held keys given back, scans sent to the agent. */
type Delivery =
  | { type: 'pass'; i: number }
  | { type: 'replay'; keys: number[] }
  | { type: 'scan'; text: string; keys: number[] }
  | { type: 'dropped'; count: number };

interface Run {
  deliveries: Delivery[];
  actions: ('pass' | 'hold')[];
  maxHeld: number;
  detector: WedgeDetector<Key>;
}

function settle(out: Delivery[], ended: BurstEnd<Key> | undefined): void {
  if (!ended) return;
  if (ended.kind === 'scan') out.push({ type: 'scan', text: ended.text, keys: ended.keys.map((k) => k.i) });
  else if (ended.kind === 'replay') out.push({ type: 'replay', keys: ended.keys.map((k) => k.i) });
  else out.push({ type: 'dropped', count: ended.count });
}

/**
 * Plays the steps as the hook would: the timer ticks once a held run's deadline has passed (unless
 * `lateTimer`), a step may tick earlier on its own, and a final tick settles what is still held.
 */
function play(steps: Step[], settings?: Partial<WedgeSettings>, options: { lateTimer?: boolean } = {}): Run {
  const detector = new WedgeDetector<Key>(settings);
  const deliveries: Delivery[] = [];
  const actions: ('pass' | 'hold')[] = [];
  let now = 1000;
  let maxHeld = 0;
  steps.forEach((step, i) => {
    const at = now + step.gap;
    const deadline = detector.deadline();
    if (!options.lateTimer && deadline !== undefined && deadline < at)
      settle(deliveries, detector.tick(deadline + 1));
    const decision = detector.feed({
      i,
      key: step.key,
      timeStamp: at,
      ctrlKey: step.ctrl ?? false,
      altKey: step.alt ?? false,
      metaKey: step.meta ?? false,
    });
    settle(deliveries, decision.ended);
    if (decision.action === 'pass') deliveries.push({ type: 'pass', i });
    actions.push(decision.action);
    maxHeld = Math.max(maxHeld, detector.heldCount);
    now = at;
    if (step.tickAfter !== undefined) settle(deliveries, detector.tick(now + step.tickAfter));
  });
  settle(deliveries, detector.tick(now + 60_000));
  return { deliveries, actions, maxHeld, detector };
}

const typed = (text: string, gap: number, firstGap = 500): Step[] =>
  [...text].map((key, i) => ({ key, gap: i === 0 ? firstGap : gap }));
const scans = (run: Run) => run.deliveries.filter((d) => d.type === 'scan');

/** Every key's index in the order it reached the page or the agent. */
function deliveredOrder(run: Run): number[] {
  return run.deliveries.flatMap((d) => (d.type === 'pass' ? [d.i] : d.type === 'dropped' ? [] : d.keys));
}

/** What a text field would hold after the passes and replays (text keys only). */
function fieldText(run: Run, steps: Step[]): string {
  const text = (i: number): string => {
    const s = steps[i]!;
    return keyText({ key: s.key, timeStamp: 0, ctrlKey: !!s.ctrl, altKey: !!s.alt, metaKey: !!s.meta });
  };
  return run.deliveries
    .map((d) => (d.type === 'pass' ? text(d.i) : d.type === 'replay' ? d.keys.map(text).join('') : ''))
    .join('');
}

const CARD = '6280390000000011';

describe('a scanner burst', () => {
  it('16 digits 5 ms apart and Enter: one scan of exactly those digits; every key, Enter too, swallowed', () => {
    const steps = [...typed(CARD, 5), { key: 'Enter', gap: 5 }];
    const run = play(steps);
    expect(run.deliveries).toEqual([{ type: 'scan', text: CARD, keys: steps.map((_, i) => i) }]);
    expect(run.actions.every((a) => a === 'hold')).toBe(true);
  });

  it('the measured scanner speeds (Datalogic 1 ms, Netum 6/19 ms, Honeywell 10 ms) are all scans', () => {
    for (const gap of [1, 6, 10, 19]) {
      expect(scans(play([...typed(CARD, gap), { key: 'Enter', gap }]))).toEqual([
        expect.objectContaining({ text: CARD }),
      ]);
    }
  });

  it('ends with Tab as well as Enter, and Tab is swallowed (focus does not move)', () => {
    const run = play([...typed(CARD, 5), { key: 'Tab', gap: 5 }]);
    expect(scans(run)).toEqual([expect.objectContaining({ text: CARD })]);
    expect(run.actions.at(-1)).toBe('hold');
  });

  it('ends on a pause when the scanner sends no suffix', () => {
    const detector = new WedgeDetector<Key>();
    typed(CARD, 5).forEach((s, i) =>
      detector.feed({
        i,
        key: s.key,
        timeStamp: 1000 + i * 5,
        ctrlKey: false,
        altKey: false,
        metaKey: false,
      }),
    );
    const last = 1000 + 15 * 5;
    expect(detector.deadline()).toBe(last + 40);
    expect(detector.tick(last + 40)).toBeUndefined(); // a gap of exactly 40 ms still belongs to the burst
    expect(detector.tick(last + 41)).toMatchObject({ kind: 'scan', text: CARD });
    expect(detector.holding).toBe(false);
  });

  it('settles a burst whose timer ran late when the next key comes', () => {
    const run = play([...typed(CARD, 5), ...typed('12', 120, 300)], undefined, { lateTimer: true });
    expect(run.deliveries[0]).toMatchObject({ type: 'scan', text: CARD });
    expect(fieldText(run, [...typed(CARD, 5), ...typed('12', 120, 300)])).toBe('12');
  });

  it('keeps capitals: Shift between the keys does not break the burst', () => {
    const steps: Step[] = [];
    for (const c of 'GC-AB12CD') {
      if (c >= 'A' && c <= 'Z') steps.push({ key: 'Shift', gap: 2 });
      steps.push({ key: c, gap: 3 });
    }
    steps[0]!.gap = 500;
    steps.push({ key: 'Enter', gap: 3 });
    expect(scans(play(steps))).toEqual([expect.objectContaining({ text: 'GC-AB12CD' })]);
  });

  it('takes Ctrl+Alt+character (AltGr on Windows) as the character', () => {
    const steps: Step[] = [
      ...typed('user', 4),
      { key: '@', gap: 4, ctrl: true, alt: true },
      ...typed('shop', 4, 4),
    ];
    steps.push({ key: 'Enter', gap: 4 });
    expect(scans(play(steps))).toEqual([expect.objectContaining({ text: 'user@shop' })]);
  });

  it('follows the agent’s maxKeyGapMs', () => {
    const steps = [...typed(CARD, 55), { key: 'Enter', gap: 55 }];
    expect(scans(play(steps))).toEqual([]);
    expect(scans(play(steps, { maxKeyGapMs: 60, minLength: 6, suffix: ['\r'] }))).toHaveLength(1);
  });
});

describe('a person typing', () => {
  it('the same 16 digits at 120 ms a key: no scan; every key reaches the field in order', () => {
    const steps = [...typed(CARD, 120), { key: 'Enter', gap: 120 }];
    const run = play(steps);
    expect(scans(run)).toEqual([]);
    expect(deliveredOrder(run)).toEqual(steps.map((_, i) => i));
    expect(fieldText(run, steps)).toBe(CARD);
    expect(run.deliveries.at(-1)).toEqual({ type: 'pass', i: 16 }); // Enter submits the form as usual
    // Each key was held at most 40 ms and given back on its own.
    expect(run.deliveries.filter((d) => d.type === 'replay')).toHaveLength(16);
  });

  it('a fast run shorter than minLength then a pause: exactly those keys are replayed', () => {
    const detector = new WedgeDetector<Key>();
    const keys = [...'4a7'].map((key, i) => ({
      i,
      key,
      timeStamp: 1000 + i * 5,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
    }));
    expect(keys.map((k) => detector.feed(k))).toEqual([
      { action: 'hold' },
      { action: 'hold' },
      { action: 'hold' },
    ]);
    expect(detector.tick(1050)).toBeUndefined();
    expect(detector.tick(1051)).toEqual({ kind: 'replay', keys });
    expect(detector.tick(2000)).toBeUndefined();
  });

  it('a short fast run ended by Enter is replayed, then Enter passes', () => {
    const run = play([...typed('123', 5), { key: 'Enter', gap: 5 }]);
    expect(run.deliveries).toEqual([
      { type: 'replay', keys: [0, 1, 2] },
      { type: 'pass', i: 3 },
    ]);
  });

  it('Backspace or an arrow ends a held run: the keys come back first, then the key acts', () => {
    const run = play([...typed('12', 5), { key: 'Backspace', gap: 5 }, { key: 'ArrowLeft', gap: 200 }]);
    expect(run.deliveries).toEqual([
      { type: 'replay', keys: [0, 1] },
      { type: 'pass', i: 2 },
      { type: 'pass', i: 3 },
    ]);
  });

  it('never takes fewer than 3 characters for a scan, whatever minLength says', () => {
    const run = play([...typed('12', 5), { key: 'Enter', gap: 5 }], {
      maxKeyGapMs: 40,
      minLength: 1,
      suffix: ['\r'],
    });
    expect(scans(run)).toEqual([]);
    expect(scans(play([...typed('123', 5)], { maxKeyGapMs: 40, minLength: 1, suffix: [] }))).toEqual([
      expect.objectContaining({ text: '123' }),
    ]);
  });

  it('lets Enter, Tab and other keys straight through when nothing is held', () => {
    const run = play([
      { key: 'Enter', gap: 500 },
      { key: 'Tab', gap: 500 },
      { key: 'Escape', gap: 500 },
      { key: 'Shift', gap: 500 },
    ]);
    expect(run.actions).toEqual(['pass', 'pass', 'pass', 'pass']);
  });
});

describe('prefix', () => {
  const settings = { maxKeyGapMs: 40, minLength: 6, prefix: '$%', suffix: ['\r'] };

  it('is required and removed', () => {
    expect(scans(play([...typed(`$%${CARD}`, 5), { key: 'Enter', gap: 5 }], settings))).toEqual([
      expect.objectContaining({ text: CARD }),
    ]);
  });

  it('without it a fast run is not a scan: the keys are given back', () => {
    const steps = [...typed(`$${CARD}`, 5), { key: 'Enter', gap: 5 }];
    const run = play(steps, settings);
    expect(scans(run)).toEqual([]);
    expect(deliveredOrder(run)).toEqual(steps.map((_, i) => i));
    expect(fieldText(run, steps)).toBe(`$${CARD}`);
  });

  it('lets through at once a key that cannot begin the prefix', () => {
    const run = play(typed('12', 120), settings);
    expect(run.actions).toEqual(['pass', 'pass']);
  });

  it('a held $ followed by $$% is a person’s $ then a scanner’s prefix', () => {
    const steps = [...typed(`$$%${CARD}`, 5), { key: 'Enter', gap: 5 }];
    const run = play(steps, settings);
    expect(run.deliveries).toEqual([
      { type: 'replay', keys: [0] },
      { type: 'scan', text: CARD, keys: steps.slice(1).map((_, i) => i + 1) },
    ]);
  });

  it('a text suffix is cut from the end of the code', () => {
    const run = play(typed(`${CARD}#`, 5), { maxKeyGapMs: 40, minLength: 6, suffix: ['#'] });
    expect(scans(run)).toEqual([expect.objectContaining({ text: CARD })]);
  });
});

describe('control keys', () => {
  it('Ctrl+] inside a burst is GS, the GS1 separator', () => {
    const steps: Step[] = [
      ...typed('0109501101530003', 3),
      { key: ']', gap: 3, ctrl: true },
      ...typed('10ABC', 3, 3),
      { key: 'Enter', gap: 3 },
    ];
    expect(scans(play(steps))).toEqual([expect.objectContaining({ text: `0109501101530003${GS}10ABC` })]);
  });

  it('Ctrl+] on its own is a shortcut, passed', () => {
    expect(play([{ key: ']', gap: 500, ctrl: true }]).actions).toEqual(['pass']);
  });

  it('Ctrl+C is never captured: passed alone, and it ends a held run without joining it', () => {
    expect(play([{ key: 'c', gap: 500, ctrl: true }]).deliveries).toEqual([{ type: 'pass', i: 0 }]);
    const run = play([...typed('12', 5), { key: 'c', gap: 5, ctrl: true }, ...typed('34', 5, 5)]);
    expect(run.deliveries).toEqual([
      { type: 'replay', keys: [0, 1] },
      { type: 'pass', i: 2 },
      { type: 'replay', keys: [3, 4] },
    ]);
    expect(play([...typed(CARD, 5), { key: 'v', gap: 5, meta: true }]).deliveries.at(-1)).toEqual({
      type: 'pass',
      i: 16,
    });
  });

  it('Alt and Meta shortcuts pass', () => {
    const run = play([
      { key: 'F4', gap: 500, alt: true },
      { key: 'd', gap: 500, alt: true },
      { key: 'r', gap: 500, meta: true },
    ]);
    expect(run.actions).toEqual(['pass', 'pass', 'pass']);
  });
});

describe('a flood', () => {
  it('5,000 characters at 1 ms are dropped whole; memory stays bounded; the next scan works', () => {
    const flood = typed('7'.repeat(5000), 1);
    const run = play([...flood, { key: 'Enter', gap: 1 }, ...typed(CARD, 5, 500), { key: 'Enter', gap: 5 }]);
    expect(run.deliveries).toEqual([
      { type: 'dropped', count: 5001 },
      expect.objectContaining({ type: 'scan', text: CARD }),
    ]);
    expect(run.maxHeld).toBeLessThanOrEqual(MAX_BURST);
  });

  it('a code of exactly 4096 characters is still a scan', () => {
    const run = play([...typed('8'.repeat(MAX_BURST), 1), { key: 'Enter', gap: 1 }]);
    expect(scans(run)).toEqual([expect.objectContaining({ text: '8'.repeat(MAX_BURST) })]);
  });
});

describe('nothing lost, nothing doubled', () => {
  const keyArb = fc.constantFrom<Omit<Step, 'gap'>>(
    { key: '1' },
    { key: '6' },
    { key: 'a' },
    { key: 'B' },
    { key: '$' },
    { key: '%' },
    { key: ' ' },
    { key: 'Enter' },
    { key: 'Tab' },
    { key: 'Backspace' },
    { key: 'Shift' },
    { key: ']', ctrl: true },
    { key: 'c', ctrl: true },
    { key: 'Escape' },
  );
  const stepArb = fc.record({
    step: keyArb,
    gap: fc.oneof(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 30, max: 400 })),
    tickAfter: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
  });
  const settingsArb = fc.record({
    maxKeyGapMs: fc.integer({ min: 10, max: 60 }),
    minLength: fc.integer({ min: 1, max: 8 }),
    prefix: fc.constantFrom(undefined, '$', '$%'),
    suffix: fc.constantFrom(['\r\n', '\r', '\n', '\t'], ['\r'], ['\t'], []),
  });

  it('every key is in exactly one scan, or passed or replayed exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 80 }),
        settingsArb,
        fc.boolean(),
        (raw, settings, lateTimer) => {
          const steps = raw.map((r) => ({ ...r.step, gap: r.gap, tickAfter: r.tickAfter }));
          const run = play(steps, settings, { lateTimer });
          expect(deliveredOrder(run)).toEqual(steps.map((_, i) => i));
          expect(run.detector.holding).toBe(false);
          for (const scan of scans(run)) {
            expect(scan.text.length).toBeGreaterThanOrEqual(Math.max(3, settings.minLength));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a person typing (every gap over maxKeyGapMs) never makes a scan, and the field gets every character', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.constantFrom('1', '2', 'a', 'Z', '-', ' '),
            gap: fc.integer({ min: 41, max: 400 }),
          }),
          {
            maxLength: 40,
          },
        ),
        (steps) => {
          const run = play(steps);
          expect(scans(run)).toEqual([]);
          expect(fieldText(run, steps)).toBe(steps.map((s) => s.key).join(''));
        },
      ),
    );
  });

  it('a scanner (every gap within maxKeyGapMs, then Enter) always makes one scan of exactly its text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabc-/ '), minLength: 6, maxLength: 120 }),
        fc.integer({ min: 0, max: 40 }),
        (code, gap) => {
          const run = play([...typed(code, gap), { key: 'Enter', gap }]);
          expect(run.deliveries).toEqual([expect.objectContaining({ type: 'scan', text: code })]);
        },
      ),
    );
  });
});
