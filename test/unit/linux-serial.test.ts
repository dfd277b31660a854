// Serial ports from sysfs: a fixture tree laid out as the kernel does (class/tty entries linking to
// devices/..., USB attributes on the USB device above the interface), and this machine's own
// sysfs against serialport's udevadm listing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { listLinuxSerialPorts } from '../../main/agent/scan/devices/linux-serial';
import { tempDir } from '../helpers/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function sysfs(): {
  root: string;
  write(file: string, text: string): void;
  link(at: string, to: string): void;
} {
  const t = tempDir();
  cleanups.push(t.remove);
  const root = path.join(t.dir, 'sys');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const link = (at: string, to: string) => {
    fs.mkdirSync(path.dirname(path.join(root, at)), { recursive: true });
    fs.mkdirSync(path.join(root, to), { recursive: true });
    fs.symlinkSync(
      path.relative(path.dirname(path.join(root, at)), path.join(root, to)),
      path.join(root, at),
    );
  };
  fs.mkdirSync(path.join(root, 'class', 'tty'), { recursive: true });
  return { root, write, link };
}

/** A tty as the kernel registers it: /sys/class/tty/NAME -> devices/.../tty/NAME, with `device`. */
function tty(s: ReturnType<typeof sysfs>, name: string, deviceDir: string | undefined, type?: string) {
  const own = deviceDir ? `${deviceDir}/tty/${name}` : `devices/virtual/tty/${name}`;
  s.link(`class/tty/${name}`, own);
  if (deviceDir) s.link(`${own}/device`, deviceDir);
  if (type !== undefined) s.write(`${own}/type`, `${type}\n`);
}

describe('serial ports from sysfs', () => {
  it('lists USB CDC and USB serial adapters with their USB ids, and real UARTs without', async () => {
    const s = sysfs();
    // A CDC-ACM scanner: the tty hangs off the interface 1-2:1.0, the ids are on 1-2.
    const scanner = 'devices/pci0000:00/0000:00:14.0/usb1/1-2';
    s.write(`${scanner}/idVendor`, '0c2e\n');
    s.write(`${scanner}/idProduct`, '0b61\n');
    s.write(`${scanner}/manufacturer`, 'Honeywell Imaging & Mobility\n');
    s.write(`${scanner}/serial`, '21143B0123\n');
    tty(s, 'ttyACM0', `${scanner}/1-2:1.0`);
    // An FTDI adapter: the tty hangs off the usb-serial port ttyUSB0 under the interface.
    const ftdi = 'devices/pci0000:00/0000:00:14.0/usb1/1-3';
    s.write(`${ftdi}/idVendor`, '0403\n');
    s.write(`${ftdi}/idProduct`, '6001\n');
    tty(s, 'ttyUSB0', `${ftdi}/1-3:1.0/ttyUSB0`);
    // A motherboard UART, and three legacy ports with nothing behind them.
    tty(s, 'ttyS0', 'devices/pnp0/00:04', '4');
    for (const n of [1, 2, 3]) tty(s, `ttyS${n}`, 'devices/platform/serial8250', '0');
    // Not serial ports: virtual consoles, the console, a pty master.
    tty(s, 'tty0', undefined);
    tty(s, 'console', undefined);
    tty(s, 'ptmx', undefined);
    // A Bluetooth SPP port is bound without a device.
    tty(s, 'rfcomm0', undefined);

    expect(await listLinuxSerialPorts(s.root, '/dev')).toEqual([
      { kind: 'serial', path: '/dev/rfcomm0' },
      {
        kind: 'serial',
        path: '/dev/ttyACM0',
        vendorId: 0x0c2e,
        productId: 0x0b61,
        manufacturer: 'Honeywell Imaging & Mobility',
        serialNumber: '21143B0123',
      },
      { kind: 'serial', path: '/dev/ttyS0' },
      { kind: 'serial', path: '/dev/ttyUSB0', vendorId: 0x0403, productId: 0x6001 },
    ]);
  });

  it('leaves out USB ids it cannot read, and never looks above /sys/devices', async () => {
    const s = sysfs();
    s.write('idVendor', 'zzzz'); // at the root: must not be taken for the port's USB device
    s.write('devices/usb1/1-4/idVendor', 'not hex\n');
    s.write('devices/usb1/1-4/idProduct', '1234\n');
    tty(s, 'ttyACM1', 'devices/usb1/1-4/1-4:1.0');
    tty(s, 'ttyAMA0', 'devices/platform/uart');
    expect(await listLinuxSerialPorts(s.root, '/dev')).toEqual([
      { kind: 'serial', path: '/dev/ttyACM1', productId: 0x1234 },
      { kind: 'serial', path: '/dev/ttyAMA0' },
    ]);
  });

  it('throws where there is no sysfs, so the caller can fall back to serialport', async () => {
    const t = tempDir();
    cleanups.push(t.remove);
    await expect(listLinuxSerialPorts(path.join(t.dir, 'nothing'))).rejects.toThrow(/ENOENT/);
  });

  it("finds on this machine what serialport's udevadm listing finds, less UARTs that are not there", async (ctx) => {
    if (process.platform !== 'linux') return ctx.skip('sysfs exists only on Linux');
    try {
      execFileSync('udevadm', ['--version'], { stdio: 'ignore' });
    } catch {
      return ctx.skip('udevadm is not installed here: serialport has nothing to compare with');
    }
    const ours = await listLinuxSerialPorts();
    const theirs = await SerialPort.list();
    const theirPaths = new Set(theirs.map((p) => p.path));
    for (const p of ours) expect(theirPaths.has(p.path), `${p.path} is not in serialport's list`).toBe(true);
    const ourPaths = new Set(ours.map((p) => p.path));
    for (const p of theirs.filter((x) => !ourPaths.has(x.path))) {
      // Only a legacy UART with nothing behind it may be left out.
      const name = path.basename(p.path);
      expect(name).toMatch(/^ttyS\d+$/);
      expect(fs.readFileSync(`/sys/class/tty/${name}/type`, 'utf8').trim()).toBe('0');
    }
    for (const p of theirs.filter((x) => x.vendorId && ourPaths.has(x.path))) {
      const mine = ours.find((o) => o.path === p.path)!;
      expect(mine.vendorId).toBe(parseInt(p.vendorId!, 16));
      expect(mine.productId).toBe(parseInt(p.productId!, 16));
    }
  });
});
