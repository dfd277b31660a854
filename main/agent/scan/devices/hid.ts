// USB HID scanners through node-hid (hidraw on Linux): chosen by vendorId/productId/usagePage from
// the config, or found by their usage (HID POS, page 0x8C). A HID POS scanner's reports are joined
// into codes by the layout its descriptor (or vendor) gives; a keyboard-mode scanner's boot reports
// are typed into text with the configured layout. A read error is a detach; the next enumeration
// reopens it. Where the OS keeps the device for itself (keyboards on Windows), it says so, with the fix.
import fs from 'node:fs';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import type { ScannerConfig } from '../../config';
import type { Logger } from '../../logger';
import {
  choosePosLayout,
  classifyDevice,
  classifyUsage,
  KeyboardReportDecoder,
  osOwnsDevice,
  PosReportAssembler,
  VENDOR_HONEYWELL,
} from '../hid';
import { LogThrottle } from '../rate-limit';
import type { ScannerWatcher } from './watchers';
import { MAX_SCAN_BYTES, type FoundDevice, type ScannerState } from '../../contract';
import type { DeviceSink } from './types';
import { hex4 } from './types';

export type HidScannerConfig = Extract<ScannerConfig, { kind: 'hid' }>;

export interface HidDeviceLike extends EventEmitter {
  close(): void | Promise<void>;
  sendFeatureReport?(data: number[]): number | Promise<number>;
}

/** The slice of node-hid the agent uses; tests pass an object that behaves like node-hid's HID. */
export interface HidBackend {
  platform: NodeJS.Platform;
  list(): Promise<FoundDevice[]>;
  open(path: string): Promise<HidDeviceLike>;
  /** The raw report descriptor, where the OS gives it (Linux sysfs); undefined elsewhere. */
  reportDescriptor(path: string): Promise<Uint8Array | undefined>;
}

export async function realHidBackend(): Promise<HidBackend> {
  const HID = await import('node-hid');
  return {
    platform: process.platform,
    async list() {
      const devices = await HID.devicesAsync();
      return devices
        .filter((d) => d.path)
        .map((d) => ({
          kind: 'hid' as const,
          path: d.path!,
          vendorId: d.vendorId,
          productId: d.productId,
          ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
          ...(d.usage !== undefined ? { usage: d.usage } : {}),
          ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
          ...(d.product ? { product: d.product } : {}),
          ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
        }));
    },
    async open(devicePath) {
      return (await HID.HIDAsync.open(devicePath)) as unknown as HidDeviceLike;
    },
    async reportDescriptor(devicePath) {
      // node-hid 3 does not expose hid_get_report_descriptor; Linux publishes it in sysfs.
      const m = /hidraw(\d+)$/.exec(devicePath);
      if (process.platform !== 'linux' || !m) return undefined;
      try {
        return new Uint8Array(
          await fs.promises.readFile(
            path.join('/sys/class/hidraw', `hidraw${m[1]}`, 'device', 'report_descriptor'),
          ),
        );
      } catch {
        return undefined;
      }
    },
  };
}

const HID_POS_PAGE = 0x8c;
/** Longest pause between the reports of one code. */
const STALE_AFTER_MS = 500;

function matches(config: HidScannerConfig, d: FoundDevice): boolean {
  if (config.vendorId !== undefined && d.vendorId !== config.vendorId) return false;
  if (config.productId !== undefined && d.productId !== config.productId) return false;
  if (config.usagePage !== undefined) return d.usagePage === config.usagePage;
  // Without ids, a scanner is found by what it says it is: a HID POS bar code scanner.
  if (config.vendorId === undefined && config.productId === undefined) return d.usagePage === HID_POS_PAGE;
  // With ids but no usage page: its scanner interfaces, HID POS preferred (see pick below).
  return classifyUsage(d.usagePage, d.usage) !== 'unknown' || d.usagePage === undefined;
}

/** One physical scanner may show several interfaces: read the HID POS one when there is one. */
function pick(candidates: FoundDevice[]): FoundDevice[] {
  const byUnit = new Map<string, FoundDevice[]>();
  for (const d of candidates) {
    const unit = `${d.vendorId}:${d.productId}:${d.serialNumber ?? d.path}`;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), d]);
  }
  return [...byUnit.values()].map((list) => list.find((d) => d.usagePage === HID_POS_PAGE) ?? list[0]!);
}

interface OpenReader {
  device: HidDeviceLike;
  push(report: Uint8Array): void;
  reset(): void;
}

interface Unit {
  deviceId: string;
  found: FoundDevice;
  reader?: OpenReader;
  state: ScannerState;
  opening?: boolean;
}

export class HidScanner implements ScannerWatcher {
  readonly kind = 'hid' as const;
  readonly deviceId: string;
  private units = new Map<string, Unit>();
  private notFound: ScannerState;
  private closed = false;

  constructor(
    private readonly config: HidScannerConfig,
    private readonly backend: HidBackend,
    private readonly sink: DeviceSink,
    private readonly log: Logger,
  ) {
    this.deviceId = `hid:${hex4(config.vendorId)}:${hex4(config.productId)}`;
    this.notFound = {
      deviceId: this.deviceId,
      kind: 'hid',
      connected: false,
      ...(config.name ? { name: config.name } : {}),
      ...(config.vendorId !== undefined ? { vendorId: config.vendorId } : {}),
      ...(config.productId !== undefined ? { productId: config.productId } : {}),
      problem:
        config.vendorId === undefined && config.productId === undefined
          ? 'No HID POS scanner found: is it plugged in and in HID POS mode? (Or give its vendorId and productId.)'
          : `No HID device ${hex4(config.vendorId)}:${hex4(config.productId)} found: is the scanner plugged in?`,
    };
  }

  snapshot(): ScannerState[] {
    return this.units.size === 0
      ? [{ ...this.notFound }]
      : [...this.units.values()].map((u) => ({ ...u.state }));
  }

  async tick(listing: readonly FoundDevice[] | undefined): Promise<void> {
    if (this.closed || !listing) return;
    const present = pick(listing.filter((d) => matches(this.config, d)));
    const presentIds = new Set<string>();
    for (const found of present) {
      const deviceId = this.unitId(found, present);
      presentIds.add(deviceId);
      let unit = this.units.get(deviceId);
      if (!unit) {
        unit = { deviceId, found, state: this.initialState(deviceId, found) };
        this.units.set(deviceId, unit);
      }
      unit.found = found;
      if (!unit.reader && !unit.opening) await this.open(unit);
    }
    for (const [deviceId, unit] of this.units) {
      if (presentIds.has(deviceId)) continue;
      this.detach(unit, 'the scanner was unplugged');
      this.units.delete(deviceId);
      this.sink.state({ ...unit.state, connected: false });
    }
  }

  close(): void {
    this.closed = true;
    for (const unit of this.units.values()) this.detach(unit, undefined);
  }

  private unitId(found: FoundDevice, present: FoundDevice[]): string {
    const base = `hid:${hex4(found.vendorId)}:${hex4(found.productId)}`;
    const twins = present.filter((d) => d.vendorId === found.vendorId && d.productId === found.productId);
    if (twins.length === 1) return base;
    return found.serialNumber ? `${base}:${found.serialNumber}` : `${base}@${found.path}`;
  }

  private initialState(deviceId: string, found: FoundDevice): ScannerState {
    return {
      deviceId,
      kind: 'hid',
      connected: false,
      path: found.path,
      ...(this.config.name ? { name: this.config.name } : found.product ? { name: found.product } : {}),
      ...(found.vendorId !== undefined ? { vendorId: found.vendorId } : {}),
      ...(found.productId !== undefined ? { productId: found.productId } : {}),
      ...(found.usagePage !== undefined ? { usagePage: found.usagePage } : {}),
    };
  }

  private async open(unit: Unit): Promise<void> {
    const { found } = unit;
    const owned = osOwnsDevice(this.backend.platform, {
      usagePage: found.usagePage,
      usage: found.usage,
      product: found.product,
    });
    if (owned) {
      if (unit.state.problem !== owned.message)
        this.log.warn(
          { deviceId: unit.deviceId, problem: owned.message },
          'scanner is kept by the operating system',
        );
      this.update(unit, { connected: false, problem: owned.message });
      return;
    }
    unit.opening = true;
    try {
      const descriptor = await this.backend.reportDescriptor(found.path);
      const cls = descriptor
        ? classifyDevice(descriptor, found.vendorId)
        : { kind: classifyUsage(found.usagePage, found.usage) };
      const device = await this.backend.open(found.path);
      if (this.closed) {
        await device.close();
        return;
      }
      let reader: OpenReader;
      if (cls.kind === 'hid-pos') {
        const layout =
          'layout' in cls && cls.layout ? cls.layout : choosePosLayout(found.vendorId ?? 0, descriptor);
        const assembler = new PosReportAssembler(layout);
        // A device sending garbage drops a report each time: logged once per 10 s, not each time.
        const quiet = new LogThrottle();
        if (found.vendorId === VENDOR_HONEYWELL) {
          // Honeywell scanners send scans to their HID POS interface only once asked to (Output Redirection).
          await Promise.resolve(device.sendFeatureReport?.([0xfe, 0x01])).catch(() => undefined);
        }
        reader = {
          device,
          reset: () => assembler.reset(),
          push: (report) => {
            const r = assembler.push(report);
            if (r.done) this.emit(unit, r.bytes, r.aim, r.symbologyHint);
            else if (r.dropped) {
              const reports = quiet.hit(performance.now());
              if (reports !== undefined)
                this.log.warn(
                  { deviceId: unit.deviceId, problem: r.dropped.message, reports },
                  'HID POS report dropped',
                );
            }
          },
        };
        this.log.info(
          { deviceId: unit.deviceId, path: found.path, layout: layout.source },
          'HID POS scanner connected',
        );
      } else if (cls.kind === 'keyboard') {
        const decoder = new KeyboardReportDecoder(
          this.config.layout,
          'reportId' in cls ? { reportId: cls.reportId } : {},
        );
        let text = '';
        reader = {
          device,
          reset: () => {
            decoder.reset();
            text = '';
          },
          push: (report) => {
            const r = decoder.push(report);
            text += r.text;
            if (text.length > MAX_SCAN_BYTES) text = ''; // a stuck key or a flood: never grows
            if (r.ended) {
              this.emit(unit, new TextEncoder().encode(text + (r.terminator ?? '')), undefined, undefined);
              text = '';
            }
          },
        };
        this.log.info(
          { deviceId: unit.deviceId, path: found.path, layout: this.config.layout },
          'keyboard-mode scanner connected',
        );
      } else {
        await device.close();
        this.update(unit, {
          connected: false,
          problem: `${found.path} is not a scanner interface (usage page 0x${(found.usagePage ?? 0).toString(16)}). Set usagePage in the config, or switch the scanner to HID POS mode.`,
        });
        return;
      }
      // A code's reports come back to back: after a pause, whatever was pending (a partial code,
      // or the tail of one dropped after garbage) is stale, and must not swallow the next scan.
      let lastReportMs = Number.NEGATIVE_INFINITY;
      device.on('data', (report: Uint8Array) => {
        const now = performance.now();
        if (now - lastReportMs > STALE_AFTER_MS) reader.reset();
        lastReportMs = now;
        reader.push(report);
      });
      device.on('error', (error: Error) => {
        this.detach(unit, `read error: ${error.message}`);
      });
      unit.reader = reader;
      this.update(unit, { connected: true, problem: undefined });
    } catch (e) {
      const err = e as Error;
      const problem = /permission|EACCES|cannot open/i.test(err.message)
        ? `No permission to open ${found.path}. On Linux, install Till Agent's udev rule (it gives the "till-agent" group access to hidraw scanners) and log in again.`
        : `Cannot open ${found.path}: ${err.message}`;
      if (unit.state.problem !== problem)
        this.log.warn({ deviceId: unit.deviceId, problem }, 'HID scanner cannot be opened');
      this.update(unit, { connected: false, problem });
    } finally {
      unit.opening = false;
    }
  }

  private emit(
    unit: Unit,
    bytes: Uint8Array,
    aim: string | undefined,
    symbologyHint: string | undefined,
  ): void {
    const at = new Date();
    unit.state.lastScanAt = at.toISOString();
    this.sink.code({
      source: { kind: 'hid', deviceId: unit.deviceId },
      bytes,
      at,
      ...(aim ? { aimHint: aim } : {}),
      ...(symbologyHint ? { symbologyHint } : {}),
    });
  }

  private detach(unit: Unit, reason: string | undefined): void {
    const reader = unit.reader;
    unit.reader = undefined;
    if (!reader) return;
    reader.reset();
    reader.device.removeAllListeners('data');
    reader.device.removeAllListeners('error');
    reader.device.on('error', () => {});
    void Promise.resolve()
      .then(() => reader.device.close())
      .catch(() => undefined);
    this.log.info({ deviceId: unit.deviceId, reason }, 'HID scanner disconnected');
    this.update(unit, { connected: false, ...(reason ? { problem: `Disconnected: ${reason}.` } : {}) });
  }

  private update(unit: Unit, patch: Partial<ScannerState>): void {
    const next = { ...unit.state, ...patch };
    if ('problem' in patch && patch.problem === undefined) delete next.problem;
    const changed = JSON.stringify(next) !== JSON.stringify(unit.state);
    unit.state = next;
    if (changed) this.sink.state({ ...next });
  }
}
