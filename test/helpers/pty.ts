// A pair of linked pseudo-terminals from socat, standing in for a USB serial scanner: the agent
// opens `device` with the real serialport bindings, the test writes barcodes to `host`. stop() is
// an unplug (the device node disappears); start() again is a replug on the same path.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface PtyPair {
  device: string;
  host: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  write(text: string | Uint8Array): void;
}

export function ptyPair(dir: string, name = 'scanner'): PtyPair {
  const device = path.join(dir, `${name}-device`);
  const host = path.join(dir, `${name}-host`);
  let socat: ChildProcess | undefined;
  let fd: number | undefined;
  return {
    device,
    host,
    async start() {
      socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${host}`], {
        stdio: 'ignore',
      });
      const started = Date.now();
      while (!(fs.existsSync(device) && fs.existsSync(host))) {
        if (socat.exitCode !== null)
          throw new Error('socat exited: is it installed? (apt-get install socat)');
        if (Date.now() - started > 5000) throw new Error('socat did not create its ptys in 5 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      fd = fs.openSync(host, 'w');
    },
    async stop() {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
      const s = socat;
      socat = undefined;
      if (s && s.exitCode === null) {
        const exited = new Promise((r) => s.once('exit', r));
        s.kill('SIGTERM');
        await exited;
      }
    },
    write(data) {
      if (fd === undefined) throw new Error('the pty pair is not started');
      fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    },
  };
}
