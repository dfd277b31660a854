// What every scanner reader reports to the manager, and what the manager reports to the agent.
import type { RawScan } from '../types';

export interface ScannerState {
  deviceId: string;
  kind: 'hid' | 'serial' | 'keyboard';
  name?: string;
  connected: boolean;
  lastScanAt?: string;
  /** The OS path it is open on (/dev/ttyACM0, /dev/hidraw3, COM3). */
  path?: string;
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  /** Why it cannot be read, in words that name the fix (permissions, OS owns it, not found). */
  problem?: string;
}

/** Where readers send their codes and their state changes. */
export interface DeviceSink {
  code(raw: RawScan): void;
  state(state: ScannerState): void;
}

/** A device an enumeration found, configured or not, for the Scanners panel. */
export interface FoundDevice {
  kind: 'hid' | 'serial';
  path: string;
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
}

export const hex4 = (n: number | undefined): string =>
  n === undefined ? '????' : n.toString(16).padStart(4, '0');
