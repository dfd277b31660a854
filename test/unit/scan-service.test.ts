import { describe, expect, it } from 'vitest';
import { ok, type Card, type Result, type Scan } from '../../main/agent/contract';
import type { StoredScan } from '../../main/agent/scan';
import { ScanService } from '../../main/agent/scan/service';
import { maskedHex, maskedText } from '../../main/agent/scan/trace';

const CARD = '6280390000000011';
const options = { pattern: '^[0-9]{15,19}$', luhn: false, extractors: [] };

const nextTurn = () => new Promise((r) => setImmediate(r));

function service(inquiry?: () => Promise<Result<Card>>) {
  const log: string[] = [];
  const stored: StoredScan[] = [];
  let resolveInquiry: (r: Result<Card>) => void = () => {};
  const svc = new ScanService({
    decodeOptions: options,
    dedupeMs: 1500,
    store: (s) => stored.push(s),
    announceScan: (s: Scan) => log.push(`scan ${s.valid ? 'valid' : 'invalid'}`),
    inquire: () => {
      log.push('inquiry sent');
      return inquiry?.() ?? new Promise((r) => (resolveInquiry = r));
    },
    announceCard: (scanId, r) => log.push(`card ${r.ok ? 'ok' : 'error'} ${scanId}`),
    seen: (o) => log.push(`seen${o.repeat ? ' repeat' : ''}`),
  });
  return { svc, log, stored, answer: (r: Result<Card>) => resolveInquiry(r) };
}

const raw = (text: string, at = 0, deviceId = 'serial:/dev/ttyACM0') => ({
  source: { kind: 'serial' as const, deviceId },
  bytes: new TextEncoder().encode(text),
  at: new Date(at),
});

describe('scan service', () => {
  it('sends the inquiry first, announces the scan once it is on its way, then the card once it answers', async () => {
    const { svc, log, stored, answer } = service();
    const outcome = svc.accept(raw(`${CARD}\r`));
    expect(outcome.scan).toMatchObject({ valid: true, cardNumberMasked: '••••••••••••0011' });
    expect(JSON.stringify(outcome.scan)).not.toContain(CARD);
    expect(stored[0]).toMatchObject({ cardNumber: CARD });
    expect(log).toEqual(['inquiry sent', 'seen']);
    await nextTurn();
    expect(log).toEqual(['inquiry sent', 'seen', 'scan valid']);
    answer(ok({ cardNumberMasked: 'x', status: 'ACTIVE', balanceMinor: 1, currency: 'GBP', checkedAt: '' }));
    await nextTurn();
    expect(log).toEqual(['inquiry sent', 'seen', 'scan valid', `card ok ${outcome.scan.scanId}`]);
  });

  it('announces the card after the scan even when the inquiry is refused at once', async () => {
    const { svc, log } = service(() =>
      Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: 'Centegra Plus is not answering.' } }),
    );
    const outcome = svc.accept(raw(`${CARD}\r`));
    await nextTurn();
    await nextTurn();
    expect(log).toEqual(['inquiry sent', 'seen', 'scan valid', `card error ${outcome.scan.scanId}`]);
  });

  it('the same card from the same device within 1.5 s is not a new scan', async () => {
    const { svc, log } = service();
    svc.accept(raw(`${CARD}\r`, 0));
    expect(svc.accept(raw(`${CARD}\r`, 1000)).repeat).toBe(true);
    expect(svc.accept(raw(`${CARD}\r`, 1200, 'hid:0c2e:0901')).repeat).toBe(false);
    await nextTurn();
    expect(log.filter((l) => l.startsWith('scan'))).toHaveLength(2);
    expect(log).toContain('seen repeat');
  });

  it('a code that is not a gift card is announced with its reason and starts no inquiry', () => {
    const { svc, log, stored } = service();
    const o = svc.accept(raw('5012345678900\r'));
    expect(o.scan).toMatchObject({ valid: false, reason: expect.stringMatching(/product barcode/i) });
    expect(stored[0]?.cardNumber).toBeUndefined();
    expect(log).toEqual(['seen', 'scan invalid']);
  });

  it('scan ids are unique and sort by time', () => {
    const { svc } = service();
    const ids = Array.from(
      { length: 50 },
      (_, i) => svc.accept(raw(`not a card ${i}\r`, 1000 + i)).scan.scanId,
    );
    expect(new Set(ids).size).toBe(50);
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('what IT sees of a code', () => {
  it('masks every run of 8+ digits but its last 4, in hex and in text', () => {
    const bytes = new TextEncoder().encode(`]C0${CARD}\r`);
    // The AIM modifier '0' touches the number, so it is masked with it: safer, not wrong.
    expect(maskedHex(bytes)).toBe('5d 43 ' + '•• '.repeat(13) + '30 30 31 31 0d');
    expect(maskedText(`card=${CARD}&pin=1234`)).toBe('card=••••••••••••0011&pin=1234');
    expect(maskedText('EAN 5012345')).toBe('EAN 5012345');
  });
});
