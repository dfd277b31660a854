// The Diagnostics screen's logic: the seven checks in Centegra's order, passed or failed in words
// and a shape, the summary line, and which run's answer the screen shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiError, Result } from '../../main/agent/contract';
import { pairsInUse, type ColourName } from '../../renderer/src/colours';
import {
  checkOrder,
  checkTitle,
  describeCheckStatus,
  initialDiagnostics,
  orderedChecks,
  reduceDiagnostics,
  summaryLine,
  type DiagnosticCheck,
  type Diagnostics,
} from '../../renderer/src/diagnostics';
import { intlFor } from '../../renderer/src/i18n/words';

const en = intlFor('en-GB');
const cy = intlFor('cy-GB');

const check = (id: DiagnosticCheck['id'], status: DiagnosticCheck['status'] = 'PASS'): DiagnosticCheck => ({
  id,
  title: `check ${id}`,
  status,
  detail: 'detail',
  ...(status === 'FAIL' ? { fix: 'do this' } : {}),
});

const answer = (checks: DiagnosticCheck[], warnings: string[] = []): Result<Diagnostics> => ({
  ok: true,
  value: {
    checks,
    allPassed: checks.every((c) => c.status === 'PASS'),
    at: '2025-03-03T14:30:00Z',
    warnings,
  },
});

const offline: ApiError = { code: 'INTERNAL', message: "Till Agent didn't answer." };

describe('orderedChecks', () => {
  it('puts the seven checks in Centegra’s order: network, API, Factor4, key, scanners, queue, site', () => {
    const shuffled = [
      check('site'),
      check('queue'),
      check('key'),
      check('online'),
      check('scanners'),
      check('factor4'),
      check('centegra'),
    ];
    expect(orderedChecks(shuffled).map((c) => c.id)).toEqual([
      'online',
      'centegra',
      'factor4',
      'key',
      'scanners',
      'queue',
      'site',
    ]);
  });

  it('keeps every check it is given, once, and changes nothing in them', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...checkOrder]), fc.boolean(), (ids, failFirst) => {
        const checks = ids.map((id, i) => check(id, failFirst && i === 0 ? 'FAIL' : 'PASS'));
        const ordered = orderedChecks(checks);
        expect(ordered).toHaveLength(checks.length);
        expect(new Set(ordered)).toEqual(new Set(checks));
        const ranks = ordered.map((c) => checkOrder.indexOf(c.id));
        expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
      }),
    );
  });

  it('shows a check it does not know yet last, rather than dropping it', () => {
    const unknown = { ...check('online'), id: 'printer' } as unknown as DiagnosticCheck;
    expect(orderedChecks([unknown, check('queue'), check('online')]).map((c) => c.id)).toEqual([
      'online',
      'queue',
      'printer',
    ]);
  });
});

describe('describeCheckStatus', () => {
  it('says Passed or Failed in words, with a shape as well as a colour', () => {
    expect(describeCheckStatus(en, 'PASS')).toEqual({ text: 'Passed', tone: 'good', shape: 'circle' });
    expect(describeCheckStatus(en, 'FAIL')).toEqual({ text: 'Failed', tone: 'danger', shape: 'cross' });
  });

  it('says "Not checked" for a check that could not be run: never "Passed"', () => {
    expect(describeCheckStatus(en, 'NOT_CHECKED')).toEqual({
      text: 'Not checked',
      tone: 'neutral',
      shape: 'ring',
    });
  });

  it('draws both tones in a colour pair checked for contrast', () => {
    const drawn = (fg: string) => pairsInUse.some((p) => p.fg === fg && p.bg === (`${fg}Bg` as ColourName));
    for (const status of ['PASS', 'FAIL', 'NOT_CHECKED'] as const)
      expect(drawn(describeCheckStatus(en, status).tone)).toBe(true);
  });
});

describe('summaryLine', () => {
  it('says all passed, or how many failed', () => {
    const all = ['online', 'centegra', 'factor4', 'key', 'scanners', 'queue', 'site'] as const;
    const passed = all.map((id) => check(id));
    expect(summaryLine(en, { checks: passed, allPassed: true }).text).toBe('All checks passed');
    const oneFailed = passed.map((c) => (c.id === 'key' ? check('key', 'FAIL') : c));
    expect(summaryLine(en, { checks: oneFailed, allPassed: false })).toEqual({
      text: '1 check failed',
      tone: 'danger',
      shape: 'cross',
    });
    const threeFailed = passed.map((c, i) => (i < 3 ? check(c.id, 'FAIL') : c));
    expect(summaryLine(en, { checks: threeFailed, allPassed: false }).text).toBe('3 checks failed');
  });

  it('counts the checks that could not be run apart from those that failed', () => {
    const offline = [
      check('online', 'FAIL'),
      check('centegra', 'NOT_CHECKED'),
      check('factor4', 'NOT_CHECKED'),
      check('key', 'NOT_CHECKED'),
      check('scanners'),
    ];
    expect(summaryLine(en, { checks: offline, allPassed: false }).text).toBe(
      '1 check failed, 3 could not be run',
    );
    expect(summaryLine(en, { checks: [check('key', 'NOT_CHECKED')], allPassed: false }).text).toBe(
      '1 check could not be run',
    );
  });

  it('never says all passed when the agent says otherwise', () => {
    expect(summaryLine(en, { checks: [check('online')], allPassed: false }).text).toBe(
      'Not every check passed',
    );
  });
});

describe('in Welsh', () => {
  it('says each status in Welsh, with the same shapes and tones', () => {
    expect(describeCheckStatus(cy, 'PASS')).toEqual({ text: 'Wedi pasio', tone: 'good', shape: 'circle' });
    expect(describeCheckStatus(cy, 'FAIL')).toEqual({ text: 'Wedi methu', tone: 'danger', shape: 'cross' });
    expect(describeCheckStatus(cy, 'NOT_CHECKED')).toMatchObject({ text: 'Heb ei wirio', shape: 'ring' });
  });

  it('counts failed and unrun checks as a Welsh speaker says them', () => {
    const failed = (n: number) => Array.from({ length: n }, () => check('online', 'FAIL'));
    const unrun = (n: number) => Array.from({ length: n }, () => check('key', 'NOT_CHECKED'));
    expect(summaryLine(cy, { checks: failed(1), allPassed: false }).text).toBe('1 gwiriad wedi methu');
    expect(summaryLine(cy, { checks: failed(2), allPassed: false }).text).toBe('2 wiriad wedi methu');
    expect(summaryLine(cy, { checks: unrun(3), allPassed: false }).text).toBe('3 gwiriad heb eu rhedeg');
    expect(summaryLine(cy, { checks: [...failed(1), ...unrun(2)], allPassed: false }).text).toBe(
      '1 gwiriad wedi methu, 2 heb eu rhedeg',
    );
    expect(summaryLine(cy, { checks: [check('online')], allPassed: true }).text).toBe(
      'Pob gwiriad wedi pasio',
    );
    expect(summaryLine(cy, { checks: [check('online')], allPassed: false }).text).toBe(
      'Dydy pob gwiriad ddim wedi pasio',
    );
  });
});

describe('checkTitle', () => {
  it('names each of the seven checks by its id, in the screen’s language, whatever the agent titled it', () => {
    for (const id of checkOrder) {
      expect(checkTitle(en, check(id)).agentText).toBeUndefined();
      expect(checkTitle(en, check(id)).text).not.toBe(checkTitle(cy, check(id)).text);
    }
    expect(checkTitle(en, check('online')).text).toBe('This till can reach Centegra Plus');
    expect(checkTitle(cy, check('queue')).text).toBe('Mae’r ciw all-lein yn cael ei anfon');
  });

  it('keeps the agent’s English title for a check this screen does not know yet, marked as the agent’s', () => {
    const newer = { id: 'printer', title: 'The receipt printer answers' } as unknown as DiagnosticCheck;
    expect(checkTitle(cy, newer)).toEqual({ text: 'The receipt printer answers', agentText: true });
  });

  it('uses the same titles as the agent gives in English, so `diagnose` and the screen agree', async () => {
    const { runChecks } = await import('../../main/agent/diagnostics/checks');
    const checks = await runChecks({
      baseUrl: 'https://centegra.example:443',
      reach: async () => ({ ok: false, stage: 'dns', error: 'ENOTFOUND' }),
      status: async () => {
        throw new Error('not asked');
      },
      scanners: () => [],
      configuredScanners: 0,
      queue: () => ({ pending: 0, failed: 0 }),
      site: { siteId: 'S1', enquire: async () => ({ ok: true, value: {} }) },
      now: () => new Date('2025-03-03T14:30:00Z'),
      timeoutMs: 10,
    });
    expect(checks.map((c) => c.id)).toEqual([...checkOrder]);
    for (const c of checks) expect(checkTitle(en, c).text).toBe(c.title);
  });
});

describe('reduceDiagnostics', () => {
  it('runs, then shows the answer with nothing left running', () => {
    const running = reduceDiagnostics(initialDiagnostics, { type: 'runStarted', runId: 1 });
    expect(running.running).toBe(1);
    const done = reduceDiagnostics(running, {
      type: 'runAnswered',
      runId: 1,
      result: answer([check('key', 'FAIL')], ['a warning']),
    });
    expect(done.running).toBeUndefined();
    expect(done.result?.checks[0]?.status).toBe('FAIL');
    expect(done.result?.warnings).toEqual(['a warning']);
  });

  it('keeps the last checks on screen while running again, and drops an older run’s late answer', () => {
    let state = reduceDiagnostics(initialDiagnostics, { type: 'runStarted', runId: 1 });
    state = reduceDiagnostics(state, {
      type: 'runAnswered',
      runId: 1,
      result: answer([check('key', 'FAIL')]),
    });
    state = reduceDiagnostics(state, { type: 'runStarted', runId: 2 });
    expect(state.result?.checks[0]?.status).toBe('FAIL');
    state = reduceDiagnostics(state, { type: 'runStarted', runId: 3 });
    const late = reduceDiagnostics(state, { type: 'runAnswered', runId: 2, result: answer([check('key')]) });
    expect(late).toBe(state);
    state = reduceDiagnostics(state, { type: 'runAnswered', runId: 3, result: answer([check('key')]) });
    expect(state.running).toBeUndefined();
    expect(state.result?.allPassed).toBe(true);
  });

  it('says why a run could not be made, and clears that on the next answer', () => {
    let state = reduceDiagnostics(initialDiagnostics, { type: 'runStarted', runId: 1 });
    state = reduceDiagnostics(state, {
      type: 'runAnswered',
      runId: 1,
      result: { ok: false, error: offline },
    });
    expect(state.problem).toEqual(offline);
    expect(state.running).toBeUndefined();
    state = reduceDiagnostics(state, { type: 'runStarted', runId: 2 });
    state = reduceDiagnostics(state, { type: 'runAnswered', runId: 2, result: answer([check('online')]) });
    expect(state.problem).toBeUndefined();
  });
});
