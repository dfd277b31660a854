import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../main/agent/contract';
import { EventHub } from '../../main/agent/events';

const centegra = (state: 'ONLINE' | 'OFFLINE') => ({ type: 'centegra' as const, data: { state } });

describe('the event stream', () => {
  it('gives each event an increasing id and tells every subscriber', () => {
    const hub = new EventHub();
    const a: AgentEvent[] = [];
    const b: AgentEvent[] = [];
    hub.subscribe((e) => a.push(e));
    const stop = hub.subscribe((e) => b.push(e));
    hub.emit(centegra('ONLINE'));
    stop();
    hub.emit(centegra('OFFLINE'));
    expect(a.map((e) => e.type)).toEqual(['centegra', 'centegra']);
    expect(b).toHaveLength(1);
    const [first, second] = a.map((e) => Number(e.id.split('.')[1]));
    expect(second).toBe(first! + 1);
  });

  it('replays what a reconnecting subscriber missed (Last-Event-ID)', () => {
    const hub = new EventHub();
    const first = hub.emit(centegra('ONLINE'));
    hub.emit(centegra('OFFLINE'));
    hub.emit(centegra('ONLINE'));
    const got: AgentEvent[] = [];
    hub.subscribe((e) => got.push(e), first.id);
    expect(got.map((e) => e.data)).toEqual([{ state: 'OFFLINE' }, { state: 'ONLINE' }]);
  });

  it('asks for a resync when the id is from another boot or too old', () => {
    const hub = new EventHub(3);
    const old = hub.emit(centegra('ONLINE'));
    for (let i = 0; i < 5; i++) hub.emit(centegra('OFFLINE'));
    const got: AgentEvent[] = [];
    hub.subscribe((e) => got.push(e), old.id);
    expect(got).toHaveLength(1);
    expect(got[0]?.type).toBe('resync');
    const other: AgentEvent[] = [];
    hub.subscribe((e) => other.push(e), 'deadbeef.1');
    expect(other[0]).toMatchObject({ type: 'resync', data: { reason: 'the agent restarted' } });
  });

  it('keeps at most its capacity', () => {
    const hub = new EventHub(10);
    for (let i = 0; i < 1000; i++) hub.emit(centegra('ONLINE'));
    const got: AgentEvent[] = [];
    const last = hub.emit(centegra('OFFLINE'));
    hub.subscribe((e) => got.push(e), `${last.id.split('.')[0]}.${Number(last.id.split('.')[1]) - 9}`);
    expect(got).toHaveLength(9);
  });

  it('a subscriber that throws does not stop the others', () => {
    const hub = new EventHub();
    const got: AgentEvent[] = [];
    hub.subscribe(() => {
      throw new Error('broken screen');
    });
    hub.subscribe((e) => got.push(e));
    hub.emit(centegra('ONLINE'));
    expect(got).toHaveLength(1);
  });
});
