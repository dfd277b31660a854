// What every scanner reader reports: its codes and its state (the contract's ScannerState).
import type { ScannerState } from '../../contract';
import type { RawScan } from '../types';

/** Where readers send their codes and their state changes. */
export interface DeviceSink {
  code(raw: RawScan): void;
  state(state: ScannerState): void;
}

export const hex4 = (n: number | undefined): string =>
  n === undefined ? '????' : n.toString(16).padStart(4, '0');
