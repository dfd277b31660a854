// Scanning: from scanner bytes to gift cards. Pure decoders, device readers, and their wiring.
export { Scanning, type DeviceBackends, type ScanningOptions, type ScanOperation } from './scanning';
export { RecentScans, type StoredScan } from './recent-scans';
export type { HidBackend, HidDeviceLike, SerialBackend, SerialOpenOptions, SerialPortLike } from './devices';
export type { ScannerState, FoundDevice, ScannersReport } from '../contract';
export { DEFAULT_SUFFIXES } from './decode';
export { StreamFramer } from './stream-framer';
export { maskedHex, maskedText, scrubTrace } from './trace';
export type { RawScan, DecodedScan, CardExtraction, DecodeOptions, ScanSource } from './types';
