// Loaded into the agent (`node --import`) by the scan -> card bench with SCAN_BENCH_TRACE: marks,
// on the system's monotonic clock (the bench's too), when a scan's bytes were read from the pty,
// when the stream's `scan` and `card` events and the Centegra request were handed to the kernel
// (each write's start and end), when Centegra's answer arrived and when the log line was written.
// Written to SCAN_TRACE_FILE as [mark, startMs, endMs] when the agent exits. Not loaded otherwise.
import fs from 'node:fs';
import net from 'node:net';

const file = process.env.SCAN_TRACE_FILE;
const simPort = Number(process.env.SCAN_TRACE_SIM_PORT);
const marks = [];
const now = () => Number(process.hrtime.bigint()) / 1e6;

const read = fs.read;
const tracedRead = function (fd, ...args) {
  const cb = args.pop();
  return read.call(this, fd, ...args, (err, bytesRead, buffer) => {
    if (!err && bytesRead > 0 && buffer.subarray(0, bytesRead + (args[1] ?? 0)).includes(13)) {
      const t = now();
      marks.push(['read', t, t]);
    }
    cb(err, bytesRead, buffer);
  });
};
for (const s of Object.getOwnPropertySymbols(read)) tracedRead[s] = read[s];
fs.read = tracedRead;

const writeGeneric = net.Socket.prototype._writeGeneric;
net.Socket.prototype._writeGeneric = function (writev, data, encoding, cb) {
  const t0 = now();
  const out = writeGeneric.call(this, writev, data, encoding, cb);
  const t1 = now();
  let what = 'other write';
  if (this.remotePort === simPort) what = 'centegra write';
  else {
    const chunks = writev ? data.map((d) => d.chunk) : [data];
    const text = chunks.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'))).join('');
    if (text.includes('event: card')) what = 'card event write';
    else if (text.includes('event: scan\n')) what = 'scan event write';
  }
  marks.push([what, t0, t1]);
  return out;
};

const push = net.Socket.prototype.push;
net.Socket.prototype.push = function (chunk, encoding) {
  if (chunk && this.remotePort === simPort) {
    const t = now();
    marks.push(['centegra answer', t, t]);
  }
  return push.call(this, chunk, encoding);
};

// The log line: pino's destination writes with fs.write or fs.writeSync (the call's own time).
const textOf = (data) =>
  typeof data === 'string'
    ? data
    : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
for (const name of ['write', 'writeSync']) {
  const original = fs[name];
  const traced = function (fd, data, ...rest) {
    const t0 = now();
    const out = original.call(this, fd, data, ...rest);
    const t1 = now();
    if (textOf(data).includes('card inquiry')) marks.push(['log line', t0, t1]);
    return out;
  };
  for (const s of Object.getOwnPropertySymbols(original)) traced[s] = original[s];
  fs[name] = traced;
}

process.on('exit', () => {
  if (file) fs.writeFileSync(file, JSON.stringify(marks));
});
