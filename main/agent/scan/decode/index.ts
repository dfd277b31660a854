// Scan decoding, the public face: bytes from a scanner to a gift card number (and PIN) or a
// refusal a cashier can act on; and deduplication of repeated reads. Pure throughout.
export { decodeScan, type DecodeResult } from './decode';
export { ScanDeduper } from './dedupe';
export { DEFAULT_SUFFIXES, stripAffixes } from './affixes';
