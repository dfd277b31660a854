// Scanning as the agent sees it: every configured scanner watched and read, every code decoded,
// the inquiry after a gift card started, the recent scans the POS refers to by scanId, and the
// state the Scanners panel and /v1/health show. Made at once; the devices open with start().
import type { Config } from '../config';
import {
  ok,
  type Card,
  type Handlers,
  type OperationOutput,
  type Result,
  type Scan,
  type ScannersReport,
  type ScannerState,
} from '../contract';
import type { EventInput } from '../events';
import type { Logger } from '../logger';
import {
  HidScanner,
  KeyboardWedge,
  realHidBackend,
  realSerialBackend,
  ScannerWatchers,
  SerialScanner,
  type HidBackend,
  type ScannerWatcher,
  type SerialBackend,
} from './devices';
import { DEFAULT_SUFFIXES } from './decode';
import { CodeRateLimit } from './rate-limit';
import { RecentScans, type StoredScan } from './recent-scans';
import { ScanService } from './service';
import { TraceLog } from './trace';
import type { RawScan } from './types';

export interface DeviceBackends {
  serial?: SerialBackend;
  hid?: HidBackend;
}

export interface ScanningOptions {
  config: Config;
  emit: (event: EventInput) => void;
  inquire: (stored: StoredScan) => Promise<Result<Card>>;
  log: Logger;
  now(): Date;
  devices?: DeviceBackends;
  pollMs?: number;
}

export type ScanOperation = 'listScans' | 'submitKeyboardScan' | 'keyboardWedgeSettings' | 'scannersReport';

type KeyboardConfig = Extract<Config['scanners'][number], { kind: 'keyboard' }>;
const DEFAULT_KEYBOARD: KeyboardConfig = { kind: 'keyboard', maxKeyGapMs: 40, minLength: 6 };

export class Scanning {
  private readonly traces = new TraceLog();
  private readonly rate = new CodeRateLimit();
  private readonly recent = new RecentScans();
  private readonly service: ScanService;
  private readonly keyboardConfig: KeyboardConfig;
  private readonly keyboard: KeyboardWedge;
  private watchers: ScannerWatchers | undefined;
  readonly handlers: Handlers<ScanOperation>;

  constructor(private readonly options: ScanningOptions) {
    const { config, log } = options;
    const cards = config.cards;
    this.keyboardConfig =
      (config.scanners.find((s) => s.kind === 'keyboard') as KeyboardConfig | undefined) ?? DEFAULT_KEYBOARD;
    this.keyboard = new KeyboardWedge(this.keyboardConfig);
    this.service = new ScanService({
      dedupeMs: cards.dedupeMs,
      decodeOptions: { pattern: cards.pattern, luhn: cards.luhn, extractors: cards.extractors },
      store: (stored) => this.recent.add(stored),
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
    this.handlers = {
      listScans: async (input) => ok({ scans: this.recent.list(input.after) }),
      submitKeyboardScan: async (input) => ok(this.submitKeyboard(input.text, options.now())),
      keyboardWedgeSettings: async () => ok(this.wedgeSettings()),
      scannersReport: async () => ok(this.report()),
    };
  }

  /** Opens the configured scanners' device access and starts watching them (hot-plug). */
  async start(): Promise<void> {
    const { config, log, devices } = this.options;
    const serial = config.scanners.some((s) => s.kind === 'serial')
      ? (devices?.serial ?? (await realSerialBackend()))
      : undefined;
    const hid = config.scanners.some((s) => s.kind === 'hid')
      ? (devices?.hid ?? (await realHidBackend()))
      : undefined;
    const watchers = config.scanners.map((scanner): ScannerWatcher => {
      // Each reader's codes are decoded with its own prefix and suffix.
      const affixes = {
        ...(scanner.prefix !== undefined ? { prefix: scanner.prefix } : {}),
        ...(scanner.suffix ? { suffix: scanner.suffix } : {}),
      };
      const sink = {
        code: (raw: RawScan) => this.fromDevice(raw, affixes),
        state: () => this.announceStates(),
      };
      if (scanner.kind === 'serial') return new SerialScanner(scanner, serial!, sink, log);
      if (scanner.kind === 'hid') return new HidScanner(scanner, hid!, sink, log);
      return this.keyboard;
    });
    this.watchers = new ScannerWatchers({
      watchers,
      enumerate: {
        serial: serial ? () => serial.list() : undefined,
        hid: hid ? () => hid.list() : undefined,
      },
      log,
      pollMs: this.options.pollMs,
    });
    await this.watchers.start();
  }

  /** A scan the POS or the screen names by its scanId, with its card number (inside the core only). */
  findScan(scanId: string): StoredScan | undefined {
    return this.recent.get(scanId);
  }

  states(): ScannerState[] {
    return this.watchers?.states() ?? [];
  }

  private report(): ScannersReport {
    return {
      scanners: this.states(),
      found: this.watchers?.devicesFound() ?? [],
      recent: this.traces.list(),
    };
  }

  /** A burst the screen recognised as a keyboard-wedge scan; the screen already removed its prefix and suffix. */
  private submitKeyboard(text: string, at: Date): Scan {
    return this.service.accept(
      { source: { kind: 'keyboard', deviceId: 'keyboard' }, bytes: new TextEncoder().encode(text), at },
      { suffix: [] },
    ).scan;
  }

  private wedgeSettings(): OperationOutput<'keyboardWedgeSettings'> {
    const c = this.keyboardConfig;
    return {
      maxKeyGapMs: c.maxKeyGapMs,
      minLength: c.minLength,
      ...(c.prefix !== undefined ? { prefix: c.prefix } : {}),
      suffix: [...(c.suffix ?? DEFAULT_SUFFIXES)],
    };
  }

  async close(): Promise<void> {
    await this.watchers?.close();
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
