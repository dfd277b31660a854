// HID report decoding, pure: report descriptors, HID POS scanned-data reports and boot-keyboard
// reports in, whole codes and typed text out. The device layer (node-hid) feeds these.

export {
  classifyUsage,
  extendedUsage,
  isBootKeyboardReport,
  keyboardReportId,
  parseReportDescriptor,
  usageOf,
  usagePageOf,
  type HidCollection,
  type HidField,
  type HidReport,
  type ReportDescriptor,
  type ReportType,
  type UsageKind,
} from './descriptor';
export {
  ACCESS_IS_LAYOUT,
  HONEYWELL_LAYOUT,
  INFERRED_POS_LAYOUT,
  NEWLAND_LAYOUT,
  VENDOR_ACCESS_IS,
  VENDOR_DATALOGIC,
  VENDOR_HONEYWELL,
  VENDOR_LAYOUTS,
  VENDOR_NEWLAND,
  VENDOR_ZEBRA,
  choosePosLayout,
  classifyDevice,
  derivePosLayout,
  vendorSymbologyName,
  type DeviceClass,
  type LayoutDerivation,
  type PosLayout,
  type SymbologyTable,
} from './pos-layouts';
export {
  PosReportAssembler,
  type PosAssemblerOptions,
  type PosDrop,
  type PosDropCode,
  type PosIgnoreCode,
  type PosPushResult,
} from './pos-report';
export { KEYBOARD_LAYOUT_NAMES, type KeyboardLayoutName } from './keymaps';
export {
  ALLOWED_CONTROL_CHARS,
  KeyboardReportDecoder,
  type KeyboardDecoderOptions,
  type KeyboardProblem,
  type KeyboardProblemCode,
  type KeyboardPushResult,
  type Terminator,
} from './keyboard-report';
export { osOwnsDevice, type HidDeviceSummary, type OsOwnsDevice } from './os-ownership';
