// Serial scanners (USB CDC / RS-232) through serialport: found by path, or by vendorId/productId
// among the ports the OS lists; opened with the configured line settings; framed by suffix or by
// the pause after the last byte. An error, a close or the port vanishing from the list is a detach;
// the next enumeration (ScannerWatchers) reopens it when it is back.
import fs from 'node:fs';
import type { EventEmitter } from 'node:events';
import type { ScannerConfig } from '../../config';
import type { Logger } from '../../logger';
import { StreamFramer } from '../stream-framer';
import { LogThrottle } from '../rate-limit';
import type { ScannerWatcher } from './watchers';
import type { FoundDevice, ScannerState } from '../../contract';
import type { DeviceSink } from './types';
import { hex4 } from './types';
import { listLinuxSerialPorts } from './linux-serial';

export type SerialScannerConfig = Extract<ScannerConfig, { kind: 'serial' }>;

export interface SerialPortLike extends EventEmitter {
  close(callback?: (error?: Error | null) => void): void;
  readonly isOpen: boolean;
}

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
}

/** The slice of serialport the agent uses, so tests can count opens; the real one is below. */
export interface SerialBackend {
  list(): Promise<FoundDevice[]>;
  open(options: SerialOpenOptions): Promise<SerialPortLike>;
}

export async function realSerialBackend(): Promise<SerialBackend> {
  const { SerialPort } = await import('serialport');
  let sysfs = process.platform === 'linux';
  return {
    async list() {
      if (sysfs) {
        try {
          return await listLinuxSerialPorts();
        } catch {
          sysfs = false; // no readable sysfs (a container?): serialport's udevadm listing from now on
        }
      }
      const ports = await SerialPort.list();
      return ports.map((p) => ({
        kind: 'serial' as const,
        path: p.path,
        ...(p.vendorId ? { vendorId: parseInt(p.vendorId, 16) } : {}),
        ...(p.productId ? { productId: parseInt(p.productId, 16) } : {}),
        ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
        ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      }));
    },
    open(options) {
      return new Promise((resolve, reject) => {
        const port = new SerialPort({ ...options, autoOpen: false, lock: true });
        port.open((error) => (error ? reject(error) : resolve(port as unknown as SerialPortLike)));
      });
    },
  };
}

export function serialDeviceId(config: SerialScannerConfig): string {
  return config.path ? `serial:${config.path}` : `serial:${hex4(config.vendorId)}:${hex4(config.productId)}`;
}

/** Why a port could not be opened, with the fix. */
export function describeOpenError(path: string, error: NodeJS.ErrnoException): string {
  const text = `${error.code ?? ''} ${error.message}`;
  if (/EACCES|Permission denied/i.test(text)) {
    return `No permission to open ${path}. On Linux, add the till's user to the "dialout" group (or install Till Agent's udev rule) and log in again.`;
  }
  if (/EBUSY|Resource busy|Cannot lock port|Access denied/i.test(text)) {
    return `${path} is in use by another program (the POS, or another copy of Till Agent). Close it, or give Till Agent its own scanner.`;
  }
  if (/ENOENT|No such file|File not found/i.test(text))
    return `${path} is not there: is the scanner plugged in?`;
  return `Cannot open ${path}: ${error.message}`;
}

export class SerialScanner implements ScannerWatcher {
  readonly kind = 'serial' as const;
  readonly deviceId: string;
  private port: SerialPortLike | undefined;
  private opening = false;
  private framer: StreamFramer;
  private idleTimer: NodeJS.Timeout | undefined;
  private state: ScannerState;
  private closed = false;

  constructor(
    private readonly config: SerialScannerConfig,
    private readonly backend: SerialBackend,
    private readonly sink: DeviceSink,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.deviceId = serialDeviceId(config);
    this.framer = this.newFramer();
    this.state = {
      deviceId: this.deviceId,
      kind: 'serial',
      connected: false,
      ...(config.name ? { name: config.name } : {}),
    };
  }

  snapshot(): ScannerState {
    return { ...this.state };
  }

  /** Called on every enumeration: open when present, detach when gone. */
  async tick(listing: readonly FoundDevice[] | undefined): Promise<void> {
    if (this.closed || this.opening) return;
    const path = this.resolvePath(listing);
    if (this.port) {
      if (!path || !this.port.isOpen) this.detach(path ? 'the port closed' : 'the scanner was unplugged');
      return;
    }
    if (!path) {
      this.update({
        connected: false,
        problem: this.config.path
          ? `${this.config.path} is not there: is the scanner plugged in?`
          : `No serial port with USB id ${hex4(this.config.vendorId)}:${hex4(this.config.productId)}: is the scanner plugged in, and in USB serial (CDC) mode?`,
      });
      return;
    }
    this.opening = true;
    try {
      const port = await this.backend.open({
        path,
        baudRate: this.config.baudRate,
        dataBits: this.config.dataBits,
        parity: this.config.parity,
        stopBits: this.config.stopBits,
      });
      if (this.closed) {
        port.close();
        return;
      }
      this.port = port;
      this.framer = this.newFramer();
      port.on('data', (chunk: Buffer) => this.onData(chunk));
      port.on('error', (error: Error) => this.detach(`read error: ${error.message}`));
      port.on('close', () => this.detach('the port closed'));
      this.update({ connected: true, path, problem: undefined });
      this.log.info({ deviceId: this.deviceId, path }, 'serial scanner connected');
    } catch (e) {
      const problem = describeOpenError(path, e as NodeJS.ErrnoException);
      if (problem !== this.state.problem)
        this.log.warn({ deviceId: this.deviceId, path, problem }, 'serial scanner cannot be opened');
      this.update({ connected: false, path, problem });
    } finally {
      this.opening = false;
    }
  }

  close(): void {
    this.closed = true;
    this.detach(undefined);
  }

  private resolvePath(listing: readonly FoundDevice[] | undefined): string | undefined {
    if (this.config.path) {
      // A pty or /dev node we can see directly; on Windows (COM3) trust the OS listing.
      if (process.platform !== 'win32' || !listing)
        return fs.existsSync(this.config.path) ? this.config.path : undefined;
      return listing.some((d) => d.path.toLowerCase() === this.config.path!.toLowerCase())
        ? this.config.path
        : undefined;
    }
    return listing?.find(
      (d) =>
        (this.config.vendorId === undefined || d.vendorId === this.config.vendorId) &&
        (this.config.productId === undefined || d.productId === this.config.productId),
    )?.path;
  }

  private onData(chunk: Buffer): void {
    const at = this.now();
    for (const frame of this.framer.push(chunk, at)) this.emit(frame.bytes);
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const due = this.framer.idleDueInMs(this.now());
    if (due === undefined) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      const frame = this.framer.flushIfIdle(this.now());
      if (frame) this.emit(frame.bytes);
      // Timers run on the event loop's cached clock, which a busy loop leaves behind: fired before
      // the line had been quiet for gapMs, it waits the rest rather than leaving the code unread.
      else this.armIdleTimer();
    }, due + 1);
    this.idleTimer.unref();
  }

  private emit(bytes: Uint8Array): void {
    const at = new Date();
    this.state.lastScanAt = at.toISOString();
    this.sink.code({ source: { kind: 'serial', deviceId: this.deviceId }, bytes, at });
  }

  private detach(reason: string | undefined): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const port = this.port;
    this.port = undefined;
    this.framer.reset();
    if (port) {
      port.removeAllListeners('data');
      port.removeAllListeners('close');
      // Errors from a dying port must not become uncaught exceptions.
      port.removeAllListeners('error');
      port.on('error', () => {});
      if (port.isOpen) port.close(() => {});
      this.log.info({ deviceId: this.deviceId, reason }, 'serial scanner disconnected');
    }
    if (this.state.connected)
      this.update({ connected: false, ...(reason ? { problem: `Disconnected: ${reason}.` } : {}) });
  }

  private newFramer(): StreamFramer {
    // A line streaming without a suffix drops a code every 4 KB: logged once per 10 s, not each time.
    const quiet = new LogThrottle();
    return new StreamFramer(this.config.suffix, this.config.gapMs, {
      dropped: (n) => {
        const codes = quiet.hit(this.now());
        if (codes !== undefined)
          this.log.warn(
            { deviceId: this.deviceId, bytes: n, codes },
            'serial scanner sent a code over 4 KB: dropped',
          );
      },
    });
  }

  private update(patch: Partial<ScannerState>): void {
    const next = { ...this.state, ...patch };
    if (patch.problem === undefined && 'problem' in patch) delete next.problem;
    const changed = JSON.stringify(next) !== JSON.stringify(this.state);
    this.state = next;
    if (changed) this.sink.state(this.snapshot());
  }
}
