// Watches every configured scanner: enumerates serial ports and HID devices at most once a second
// (hot-plug by polling: node-hid has no attach events, and serialport's close does not always fire
// on unplug), lets each reader open, reopen or detach, and keeps the list the Scanners panel and
// /v1/health show. Several scanners at once, each with its own state.
import type { ScannerConfig } from '../../config';
import type { Logger } from '../../logger';
import type { FoundDevice, ScannerState } from '../../contract';

/** A configured scanner's reader: ScannerWatchers calls tick() with each fresh enumeration. */
export interface ScannerWatcher {
  readonly deviceId: string;
  readonly kind: ScannerState['kind'];
  tick(listing: readonly FoundDevice[] | undefined): Promise<void>;
  snapshot(): ScannerState | ScannerState[];
  close(): void | Promise<void>;
}

export interface Enumerators {
  serial?: () => Promise<FoundDevice[]>;
  hid?: () => Promise<FoundDevice[]>;
}

export interface ScannerWatchersOptions {
  watchers: ScannerWatcher[];
  enumerate: Enumerators;
  log: Logger;
  pollMs?: number;
}

/** The readers of every configured scanner, and the hot-plug poll that keeps them current. */
export class ScannerWatchers {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private found: FoundDevice[] = [];
  private stopped = false;

  constructor(private readonly options: ScannerWatchersOptions) {}

  /** Opens what is there now, then keeps watching. */
  async start(): Promise<void> {
    await this.tick();
    this.schedule();
  }

  /** Enumerates and lets every reader catch up; concurrent callers share one pass. */
  tick(): Promise<void> {
    this.ticking ??= (async () => {
      const { watchers, enumerate, log } = this.options;
      const kinds = new Set(watchers.map((w) => w.kind));
      const [serial, hid] = await Promise.all([
        kinds.has('serial') && enumerate.serial
          ? enumerate
              .serial()
              .catch((e: Error) => (log.warn({ err: e.message }, 'cannot list serial ports'), undefined))
          : undefined,
        kinds.has('hid') && enumerate.hid
          ? enumerate
              .hid()
              .catch((e: Error) => (log.warn({ err: e.message }, 'cannot list HID devices'), undefined))
          : undefined,
      ]);
      this.found = [...(serial ?? []), ...(hid ?? [])];
      await Promise.all(
        watchers.map((w) =>
          w
            .tick(w.kind === 'serial' ? serial : w.kind === 'hid' ? hid : undefined)
            .catch((e: Error) =>
              log.error({ deviceId: w.deviceId, err: e.message }, 'scanner reader failed'),
            ),
        ),
      );
    })().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  states(): ScannerState[] {
    return this.options.watchers.flatMap((w) => w.snapshot());
  }

  devicesFound(): FoundDevice[] {
    return [...this.found];
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking?.catch(() => undefined);
    await Promise.all(this.options.watchers.map((w) => w.close()));
  }

  private schedule(): void {
    if (this.stopped || this.options.watchers.every((w) => w.kind === 'keyboard')) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.options.pollMs ?? 1000);
    this.timer.unref();
  }
}

/** The keyboard wedge lives in the screen; here it is only a name and the time of its last scan. */
export class KeyboardWedge implements ScannerWatcher {
  readonly deviceId = 'keyboard';
  readonly kind = 'keyboard' as const;
  private lastScanAt: string | undefined;

  constructor(private readonly config: Extract<ScannerConfig, { kind: 'keyboard' }>) {}

  async tick(): Promise<void> {}

  scanned(at: Date): void {
    this.lastScanAt = at.toISOString();
  }

  snapshot(): ScannerState {
    return {
      deviceId: this.deviceId,
      kind: 'keyboard',
      connected: true,
      ...(this.config.name ? { name: this.config.name } : {}),
      ...(this.lastScanAt ? { lastScanAt: this.lastScanAt } : {}),
    };
  }

  close(): void {}
}
