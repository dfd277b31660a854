// The serial reader's choices, against a port that records what it was opened with (the pty
// tests in test/integration cover the real bindings).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../main/agent/config';
import { silentLogger } from '../../main/agent/logger';
import {
  SerialScanner,
  describeOpenError,
  type SerialBackend,
  type SerialOpenOptions,
  type SerialPortLike,
} from '../../main/agent/scan/devices/serial';
import type { ScannerState } from '../../main/agent/contract';
import type { RawScan } from '../../main/agent/scan/types';

class FakePort extends EventEmitter {
  isOpen = true;
  close(cb?: () => void) {
    this.isOpen = false;
    cb?.();
  }
}

function setup(
  scanner: object,
  listing = [{ kind: 'serial' as const, path: '/dev/ttyACM7', vendorId: 0x0c2e, productId: 0x0b61 }],
) {
  const config = ConfigSchema.parse({ scanners: [scanner] }).scanners[0] as Extract<
    ReturnType<typeof ConfigSchema.parse>['scanners'][number],
    { kind: 'serial' }
  >;
  const opened: SerialOpenOptions[] = [];
  const ports: FakePort[] = [];
  const backend: SerialBackend = {
    list: async () => listing,
    open: async (o) => {
      opened.push(o);
      const p = new FakePort();
      ports.push(p);
      return p;
    },
  };
  const codes: RawScan[] = [];
  const states: ScannerState[] = [];
  const reader = new SerialScanner(
    config,
    backend,
    { code: (r) => codes.push(r), state: (s) => states.push(s) },
    silentLogger,
  );
  return { reader, opened, ports, codes, states, listing };
}

describe('serial reader', () => {
  it('finds the port by USB vendor and product id, and opens it with the configured line settings', async () => {
    const { reader, opened, states } = setup({
      kind: 'serial',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      baudRate: 115200,
      dataBits: 7,
      parity: 'even',
      stopBits: 2,
    });
    await reader.tick([{ kind: 'serial', path: '/dev/ttyACM7', vendorId: 0x0c2e, productId: 0x0b61 }]);
    expect(opened).toEqual([
      { path: '/dev/ttyACM7', baudRate: 115200, dataBits: 7, parity: 'even', stopBits: 2 },
    ]);
    expect(reader.deviceId).toBe('serial:0c2e:0b61');
    expect(states.at(-1)).toMatchObject({ connected: true, path: '/dev/ttyACM7' });
  });

  it('says what to check when no port has that id', async () => {
    const { reader, states } = setup({ kind: 'serial', vendorId: 0x05e0, productId: 0x1300 });
    await reader.tick([]);
    expect(states.at(-1)).toMatchObject({
      connected: false,
      problem: expect.stringContaining('USB serial (CDC) mode'),
    });
  });

  it('without a suffix, a pause ends the code (gap framing, real timer)', async () => {
    const { reader, ports, codes } = setup({ kind: 'serial', vendorId: 0x0c2e, suffix: [], gapMs: 200 });
    await reader.tick([{ kind: 'serial', path: '/dev/ttyACM7', vendorId: 0x0c2e, productId: 1 }]);
    ports[0]!.emit('data', Buffer.from('62803900'));
    ports[0]!.emit('data', Buffer.from('00000011'));
    expect(codes).toEqual([]);
    for (let i = 0; i < 300 && codes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(codes.map((c) => new TextDecoder().decode(c.bytes))).toEqual(['6280390000000011']);
  });

  it('a gap timer that fires before the line has been quiet long enough waits the rest (a busy loop)', async () => {
    const config = ConfigSchema.parse({
      scanners: [{ kind: 'serial', vendorId: 0x0c2e, suffix: [], gapMs: 20 }],
    }).scanners[0] as Extract<ReturnType<typeof ConfigSchema.parse>['scanners'][number], { kind: 'serial' }>;
    const port = new FakePort();
    const codes: RawScan[] = [];
    // The reader's clock, held back as a busy loop leaves the timers' clock behind it: the gap
    // timer fires, but the line has not been quiet for gapMs by the reader's clock yet.
    let clockMs = 0;
    const reader = new SerialScanner(
      config,
      { list: async () => listing, open: async () => port as unknown as SerialPortLike },
      { code: (r) => codes.push(r), state: () => {} },
      silentLogger,
      () => clockMs,
    );
    const listing = [{ kind: 'serial' as const, path: '/dev/ttyACM7', vendorId: 0x0c2e, productId: 1 }];
    await reader.tick(listing);
    port.emit('data', Buffer.from('6280390000000011'));
    await new Promise((r) => setTimeout(r, 80));
    expect(codes).toEqual([]);
    clockMs = 100;
    for (let i = 0; i < 100 && codes.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(codes.map((c) => new TextDecoder().decode(c.bytes))).toEqual(['6280390000000011']);
    reader.close();
  });

  it('an error is a detach; the port vanishing from the list is an unplug; it reopens when back', async () => {
    const listing = [{ kind: 'serial' as const, path: '/dev/ttyACM7', vendorId: 0x0c2e, productId: 0x0b61 }];
    const { reader, ports, opened, states } = setup({ kind: 'serial', vendorId: 0x0c2e }, listing);
    await reader.tick(listing);
    ports[0]!.emit('error', new Error('EIO'));
    expect(states.at(-1)).toMatchObject({ connected: false, problem: 'Disconnected: read error: EIO.' });
    await reader.tick(listing);
    expect(opened).toHaveLength(2);
    await reader.tick([]);
    expect(states.at(-1)).toMatchObject({ connected: false });
    expect(ports[1]!.isOpen).toBe(false);
  });

  it('names the fix for permission and busy errors', () => {
    expect(
      describeOpenError('/dev/ttyACM0', Object.assign(new Error('Permission denied'), { code: 'EACCES' })),
    ).toMatch(/dialout/);
    expect(describeOpenError('COM3', new Error('Opening COM3: Access denied'))).toMatch(
      /in use by another program/,
    );
  });
});
