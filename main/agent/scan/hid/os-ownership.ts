// Which HID devices the operating system keeps for itself, so the Scanners panel can say why a
// keyboard-mode scanner can't be read directly and what to do about it.
//
// - Windows opens keyboards and mice exclusively in its own input stack: hidapi can list them but
//   not read them (node-hid README; issues #302, #211, #289).
// - macOS lets only apps with Input Monitoring permission read keyboards; we treat keyboards as the
//   system's there too.
// - Linux hidraw can read keyboard-mode scanners once a udev rule gives the user the /dev/hidraw*
//   node (e.g. SUBSYSTEM=="hidraw", ATTRS{idVendor}=="0c2e", MODE="0660", GROUP="plugdev"); the
//   kernel keeps typing the keys into the console too, so the device layer should prefer HID POS.

import { PAGE_GENERIC_DESKTOP, USAGE_KEYBOARD, USAGE_KEYPAD, USAGE_MOUSE } from './descriptor';

/** The parts of node-hid's Device this needs. */
export interface HidDeviceSummary {
  usagePage?: number;
  usage?: number;
  product?: string;
}

export interface OsOwnsDevice {
  code: 'OS_OWNS_DEVICE';
  /** In a cashier's (or their IT person's) words. */
  message: string;
}

const SYSTEM_NAMES: Readonly<Record<string, string>> = { win32: 'Windows', darwin: 'macOS' };

/**
 * Why Till Agent can't read this device on this platform, or null when it can. `platform` is
 * `process.platform`; passed in so this stays pure.
 */
export function osOwnsDevice(platform: string, device: HidDeviceSummary): OsOwnsDevice | null {
  if (device.usagePage !== PAGE_GENERIC_DESKTOP) return null;
  const keyboard = device.usage === USAGE_KEYBOARD || device.usage === USAGE_KEYPAD;
  const mouse = device.usage === USAGE_MOUSE;
  const owned = platform === 'win32' ? keyboard || mouse : platform === 'darwin' ? keyboard : false;
  if (!owned) return null;
  const system = SYSTEM_NAMES[platform] ?? platform;
  const product = device.product?.trim() || 'this scanner';
  return {
    code: 'OS_OWNS_DEVICE',
    message:
      `${system} keeps keyboard-mode scanners for itself, so Till Agent can't read ${product} directly. ` +
      'Switch the scanner to HID POS mode (or USB serial/CDC mode) with the programming barcode in its manual; ' +
      'until then it works as a keyboard wedge in the Till Agent window.',
  };
}
