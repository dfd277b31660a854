// Scanner devices: readers for HID and serial scanners, the keyboard wedge's place among them,
// and the watchers that open, reopen and enumerate them (hot-plug).
export { HidScanner, realHidBackend, type HidBackend, type HidDeviceLike } from './hid';
export {
  realSerialBackend,
  SerialScanner,
  type SerialBackend,
  type SerialOpenOptions,
  type SerialPortLike,
} from './serial';
export { KeyboardWedge, ScannerWatchers, type ScannerWatcher } from './watchers';
