// Serial ports on Linux, read from sysfs. serialport's own list() spawns `udevadm info -e` and
// parses the whole udev database: on this project's machines 27 ms and 4 ms of the agent's own CPU
// per call, the event loop held up to 7 ms by the spawn, and a child process every second while a
// serial scanner is configured (ScannerWatchers enumerates once a second for hot-plug). Reading sysfs
// is a few small files and no process.
//
// The same ports serialport finds (names ttyS, ttyWCH, ttyACM, ttyUSB, ttyAMA, ttyMFD, ttyO,
// ttyXRUSB, rfcomm), less the legacy 8250 ports the kernel registers with no UART behind them
// (sysfs `type` 0), which serialport lists as ttyS0..ttyS31 on many PCs. USB ids, manufacturer and
// serial number come from the nearest USB device above the tty (the files idVendor, idProduct,
// manufacturer, serial), as udev's ID_VENDOR_ID etc. do.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FoundDevice } from '../../contract';

const SERIAL_NAME = /^(?:tty(?:S|WCH|ACM|USB|AMA|MFD|O|XRUSB)\d+|rfcomm\d+)$/;

async function readText(file: string): Promise<string | undefined> {
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The nearest directory at or above `dir` (inside `sysRoot`/devices) that describes a USB device. */
async function usbDeviceAbove(dir: string, sysRoot: string): Promise<string | undefined> {
  const top = path.join(sysRoot, 'devices');
  for (let d = dir; d.startsWith(top + path.sep); d = path.dirname(d)) {
    if ((await readText(path.join(d, 'idVendor'))) !== undefined) return d;
  }
  return undefined;
}

const hexId = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^[0-9a-fA-F]{1,4}$/.test(text)) return undefined;
  return parseInt(text, 16);
};

/**
 * The serial ports sysfs knows, sorted by path; `sysRoot` is /sys (tests give a fixture tree).
 * Throws when `sysRoot`/class/tty cannot be read (no sysfs): the caller falls back to serialport.
 */
export async function listLinuxSerialPorts(sysRoot = '/sys', devRoot = '/dev'): Promise<FoundDevice[]> {
  const classDir = path.join(sysRoot, 'class', 'tty');
  const names = (await fs.readdir(classDir)).filter((n) => SERIAL_NAME.test(n)).sort();
  const sys = await fs.realpath(sysRoot);
  const found = await Promise.all(
    names.map(async (name): Promise<FoundDevice | undefined> => {
      const entry = path.join(classDir, name);
      let device: string | undefined;
      try {
        device = await fs.realpath(path.join(entry, 'device'));
      } catch {
        device = undefined;
      }
      // A tty with no device behind it is virtual; rfcomm ports are bound without one.
      if (!device && !name.startsWith('rfcomm')) return undefined;
      if (name.startsWith('ttyS') && (await readText(path.join(entry, 'type'))) === '0') return undefined;
      const port: FoundDevice = { kind: 'serial', path: path.join(devRoot, name) };
      const usb = device && (await usbDeviceAbove(device, sys));
      if (!usb) return port;
      const [vendor, product, manufacturer, serialNumber] = await Promise.all(
        ['idVendor', 'idProduct', 'manufacturer', 'serial'].map((f) => readText(path.join(usb, f))),
      );
      const vendorId = hexId(vendor);
      const productId = hexId(product);
      return {
        ...port,
        ...(vendorId !== undefined ? { vendorId } : {}),
        ...(productId !== undefined ? { productId } : {}),
        ...(manufacturer ? { manufacturer } : {}),
        ...(serialNumber ? { serialNumber } : {}),
      };
    }),
  );
  return found.filter((p): p is FoundDevice => p !== undefined);
}
