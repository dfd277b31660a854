// The agent's event stream: every event gets an id `<boot>.<seq>` and the last few hundred are
// kept, so a POS or a screen that reconnects with Last-Event-ID misses nothing, and one that
// missed too much (or comes back after a restart) is told to fetch state again.
import { randomBytes } from 'node:crypto';
import type { AgentEvent } from './contract';

export type EventInput = AgentEvent extends infer E ? (E extends AgentEvent ? Omit<E, 'id'> : never) : never;
export type EventListener = (event: AgentEvent) => void;

export class EventHub {
  private readonly boot = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly buffer: AgentEvent[] = [];
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly capacity = 500) {}

  emit(input: EventInput): AgentEvent {
    const event = { ...input, id: `${this.boot}.${++this.seq}` } as AgentEvent;
    this.buffer.push(event);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken subscriber must not stop the others, nor the agent.
      }
    }
    return event;
  }

  /**
   * Subscribes; with lastEventId, first replays what came after it, or sends `resync` when it
   * cannot (another boot, or older than the buffer).
   */
  subscribe(listener: EventListener, lastEventId?: string): () => void {
    if (lastEventId) {
      const [boot, seqText] = lastEventId.split('.');
      const seq = Number(seqText);
      const oldest = this.buffer[0] ? Number(this.buffer[0].id.split('.')[1]) : this.seq + 1;
      if (boot !== this.boot || !Number.isInteger(seq) || seq > this.seq || seq < oldest - 1) {
        listener({
          id: `${this.boot}.${this.seq}`,
          type: 'resync',
          data: { reason: boot !== this.boot ? 'the agent restarted' : 'too many events were missed' },
        });
      } else {
        for (const e of this.buffer) if (Number(e.id.split('.')[1]) > seq) listener(e);
      }
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }
}
