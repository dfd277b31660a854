// Reads the POS API's event stream the way a POS does, and waits for events by predicate.
import http from 'node:http';

export interface SseEvent {
  id: string;
  event: string;
  data: any;
}

export interface SseStream {
  events: SseEvent[];
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
}

export function openEvents(port: number, token: string, lastEventId?: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters: Array<{ pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
    const req = http.get(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/events',
        headers: {
          authorization: `Bearer ${token}`,
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
      },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`/v1/events answered ${res.statusCode}`));
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const fields: Record<string, string> = {};
            for (const line of block.split('\n')) {
              const at = line.indexOf(': ');
              if (line.startsWith(':') || at === -1) continue;
              fields[line.slice(0, at)] = line.slice(at + 2);
            }
            if (!fields.event) continue;
            const e = { id: fields.id ?? '', event: fields.event, data: JSON.parse(fields.data ?? 'null') };
            events.push(e);
            for (const w of [...waiters]) {
              if (w.pred(e)) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve(e);
              }
            }
          }
        });
        resolve({
          events,
          close: () => req.destroy(),
          waitFor: (pred, timeoutMs = 5000) => {
            const found = events.find(pred);
            if (found) return Promise.resolve(found);
            return new Promise((ok, fail) => {
              const timer = setTimeout(
                () =>
                  fail(
                    new Error(
                      `no matching event in ${timeoutMs} ms; saw: ${events.map((x) => x.event).join(', ')}`,
                    ),
                  ),
                timeoutMs,
              );
              waiters.push({ pred, resolve: (e) => (clearTimeout(timer), ok(e)) });
            });
          },
        });
      },
    );
    req.on('error', reject);
  });
}
