// Scanning as the agent sees it: every configured scanner watched and read, every code decoded,
// the inquiry after a gift card started, and the state the Scanners panel and /v1/health show.
import type { Config } from '../config';
import type { Card, OperationOutput, Result, Scan, ScannersReport, ScannerState } from '../contract';
import type { EventInput } from '../events';
import type { Logger } from '../logger';
import type { ScanStore, StoredScan } from '../scans';
import { KeyboardWedge, ScannerWatchers, type ScannerWatcher } from './devices/watchers';
import { HidScanner, realHidBackend, type HidBackend } from './devices/hid';
import { realSerialBackend, SerialScanner, type SerialBackend } from './devices/serial';
import { DEFAULT_SUFFIXES } from './decode';
import { CodeRateLimit } from './rate-limit';
import { ScanService } from './service';
import { TraceLog } from './trace';
import type { RawScan } from './types';

export interface DeviceBackends {
  serial?: SerialBackend;
  hid?: HidBackend;
}

export interface ScanningOptions {
  config: Config;
  scans: ScanStore;
  emit: (event: EventInput) => void;
  inquire: (stored: StoredScan) => Promise<Result<Card>>;
  log: Logger;
  devices?: DeviceBackends;
  pollMs?: number;
}

type KeyboardConfig = Extract<Config['scanners'][number], { kind: 'keyboard' }>;
const DEFAULT_KEYBOARD: KeyboardConfig = { kind: 'keyboard', maxKeyGapMs: 40, minLength: 6 };

export class Scanning {
  private readonly traces = new TraceLog();
  private readonly rate = new CodeRateLimit();
  private readonly service: ScanService;
  private watchers!: ScannerWatchers;

  private constructor(
    private readonly options: ScanningOptions,
    private readonly keyboard: KeyboardWedge,
    private readonly keyboardConfig: KeyboardConfig,
  ) {
    const { config, log } = options;
    const cards = config.cards;
    this.service = new ScanService({
      dedupeMs: cards.dedupeMs,
      decodeOptions: { pattern: cards.pattern, luhn: cards.luhn, extractors: cards.extractors },
      store: (stored) => options.scans.add(stored),
      announceScan: (scan) => options.emit({ type: 'scan', data: scan }),
      inquire: options.inquire,
      announceCard: (scanId, result) =>
        options.emit(
          result.ok
            ? { type: 'card', data: result.value }
            : { type: 'cardError', data: { scanId, error: result.error } },
        ),
      seen: (outcome, raw) => {
        this.traces.add(outcome, raw);
        if (raw.source.kind === 'keyboard') this.keyboard.scanned(raw.at);
        if (!outcome.card.ok)
          log.info({ deviceId: raw.source.deviceId, reason: outcome.card.code }, 'scan is not a gift card');
      },
    });
  }

  static async start(options: ScanningOptions): Promise<Scanning> {
    const { config, log } = options;
    const keyboardConfig =
      (config.scanners.find((s) => s.kind === 'keyboard') as KeyboardConfig | undefined) ?? DEFAULT_KEYBOARD;
    const keyboard = new KeyboardWedge(keyboardConfig);
    const serial = config.scanners.some((s) => s.kind === 'serial')
      ? (options.devices?.serial ?? (await realSerialBackend()))
      : undefined;
    const hid = config.scanners.some((s) => s.kind === 'hid')
      ? (options.devices?.hid ?? (await realHidBackend()))
      : undefined;
    const scanning = new Scanning(options, keyboard, keyboardConfig);
    const watchers = config.scanners.map((scanner): ScannerWatcher => {
      // Each reader's codes are decoded with its own prefix and suffix.
      const affixes = {
        ...(scanner.prefix !== undefined ? { prefix: scanner.prefix } : {}),
        ...(scanner.suffix ? { suffix: scanner.suffix } : {}),
      };
      const sink = {
        code: (raw: RawScan) => scanning.fromDevice(raw, affixes),
        state: () => scanning.announceStates(),
      };
      if (scanner.kind === 'serial') return new SerialScanner(scanner, serial!, sink, log);
      if (scanner.kind === 'hid') return new HidScanner(scanner, hid!, sink, log);
      return keyboard;
    });
    scanning.watchers = new ScannerWatchers({
      watchers,
      enumerate: {
        serial: serial ? () => serial.list() : undefined,
        hid: hid ? () => hid.list() : undefined,
      },
      log,
      pollMs: options.pollMs,
    });
    await scanning.watchers.start();
    return scanning;
  }

  states(): ScannerState[] {
    return this.watchers.states();
  }

  report(): ScannersReport {
    return { scanners: this.states(), found: this.watchers.devicesFound(), recent: this.traces.list() };
  }

  /** A burst the screen recognised as a keyboard-wedge scan; the screen already removed its prefix and suffix. */
  submitKeyboard(text: string, at: Date): Scan {
    return this.service.accept(
      { source: { kind: 'keyboard', deviceId: 'keyboard' }, bytes: new TextEncoder().encode(text), at },
      { suffix: [] },
    ).scan;
  }

  wedgeSettings(): OperationOutput<'keyboardWedgeSettings'> {
    const c = this.keyboardConfig;
    return {
      maxKeyGapMs: c.maxKeyGapMs,
      minLength: c.minLength,
      ...(c.prefix !== undefined ? { prefix: c.prefix } : {}),
      suffix: [...(c.suffix ?? DEFAULT_SUFFIXES)],
    };
  }

  /** Re-enumerates now (tests; the Scanners panel's Refresh). */
  refresh(): Promise<void> {
    return this.watchers.tick();
  }

  close(): Promise<void> {
    return this.watchers.close();
  }

  /** A code from a device, unless the device is flooding (see CodeRateLimit); logged once per burst. */
  private fromDevice(raw: RawScan, affixes: { prefix?: string; suffix?: readonly string[] }): void {
    const { deviceId } = raw.source;
    const verdict = this.rate.take(deviceId, performance.now());
    if (!verdict.allow) {
      if (verdict.burstStart)
        this.options.log.warn(
          { deviceId },
          'scanner is sending codes faster than anyone can scan: dropping them until it slows down',
        );
      return;
    }
    if (verdict.droppedBefore)
      this.options.log.warn(
        { deviceId, dropped: verdict.droppedBefore },
        'scanner slowed down; codes were dropped',
      );
    this.service.accept(raw, affixes);
  }

  private announceStates(): void {
    this.options.emit({ type: 'scanners', data: { scanners: this.states() } });
  }
}
