// Stands in for node-hid where no HID hardware exists: devices that appear and disappear from the
// enumeration, and open devices that behave like node-hid's HIDAsync (`data` and `error` events,
// close(), sendFeatureReport()).
import { EventEmitter } from 'node:events';
import type { FoundDevice } from '../../main/agent/scan';
import type { HidBackend, HidDeviceLike } from '../../main/agent/scan';

export class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;
  featureReports: number[][] = [];
  constructor(readonly path: string) {
    super();
  }
  close(): void {
    this.closed = true;
  }
  sendFeatureReport(data: number[]): number {
    this.featureReports.push(data);
    return data.length;
  }
  /** Delivers input reports as node-hid does: one `data` event each, on a later tick. */
  async send(...reports: Uint8Array[]): Promise<void> {
    for (const r of reports) {
      await new Promise((resolve) => setImmediate(resolve));
      this.emit('data', Buffer.from(r));
    }
  }
}

export class FakeHidBackend implements HidBackend {
  devices: FoundDevice[] = [];
  descriptors = new Map<string, Uint8Array>();
  opened: FakeHidDevice[] = [];
  failOpen = new Set<string>();

  constructor(readonly platform: NodeJS.Platform = 'linux') {}

  plug(device: FoundDevice, descriptor?: Uint8Array): void {
    this.devices.push(device);
    if (descriptor) this.descriptors.set(device.path, descriptor);
  }

  unplug(path: string): void {
    this.devices = this.devices.filter((d) => d.path !== path);
    for (const d of this.opened)
      if (d.path === path && !d.closed) d.emit('error', new Error('could not read from HID device'));
  }

  /** The open device at `path` (the newest one after a reopen). */
  device(path: string): FakeHidDevice | undefined {
    return [...this.opened].reverse().find((d) => d.path === path && !d.closed);
  }

  async list(): Promise<FoundDevice[]> {
    return this.devices.map((d) => ({ ...d }));
  }

  async open(path: string): Promise<FakeHidDevice> {
    if (this.failOpen.has(path)) throw new Error(`cannot open device with path ${path}`);
    const device = new FakeHidDevice(path);
    this.opened.push(device);
    return device;
  }

  async reportDescriptor(path: string): Promise<Uint8Array | undefined> {
    return this.descriptors.get(path);
  }
}
