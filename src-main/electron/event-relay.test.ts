import { describe, expect, it } from 'vitest';
import { createEventRelay } from './event-relay';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('preload event relay', () => {
  it('keeps menu commands sent before the page subscribed and hands them over once it does', async () => {
    const relay = createEventRelay({ keep: ['menu'] });
    relay.dispatch('menu', { type: 'open', path: '/a.layerlab.json', content: '{}' });
    relay.dispatch('train', { runId: 'r' }); // not kept: a page that was not listening has no chart for it
    const got: unknown[] = [];
    const trains: unknown[] = [];
    relay.on('train', (p) => trains.push(p));
    relay.on('menu', (p) => got.push(p));
    expect(got).toEqual([]); // handed over after the subscribing code has finished
    await tick();
    expect(got).toEqual([{ type: 'open', path: '/a.layerlab.json', content: '{}' }]);
    expect(trains).toEqual([]);
    relay.dispatch('menu', { type: 'save' });
    expect(got).toHaveLength(2);
  });

  it('survives subscribe-unsubscribe-subscribe (React StrictMode) and delivers each kept command once', async () => {
    const relay = createEventRelay({ keep: ['menu'] });
    relay.dispatch('menu', { type: 'new' });
    const first: unknown[] = [];
    const second: unknown[] = [];
    const off = relay.on('menu', (p) => first.push(p));
    off();
    relay.on('menu', (p) => second.push(p));
    await tick();
    expect(first).toEqual([]);
    expect(second).toEqual([{ type: 'new' }]);
    relay.on('menu', () => {});
    await tick();
    expect(second).toHaveLength(1);
  });

  it('passes events to every listener, stops after unsubscribe, and keeps at most maxKept', async () => {
    const relay = createEventRelay({ keep: ['menu'], maxKept: 2 });
    for (const type of ['new', 'save', 'saveAs']) relay.dispatch('menu', { type });
    relay.dispatch(42, 'ignored');
    const a: unknown[] = [];
    const offA = relay.on('menu', (p) => a.push(p));
    await tick();
    expect(a).toEqual([{ type: 'save' }, { type: 'saveAs' }]);
    offA();
    relay.dispatch('menu', { type: 'undo' });
    const b: unknown[] = [];
    relay.on('menu', (p) => b.push(p));
    await tick();
    expect(a).toHaveLength(2);
    expect(b).toEqual([{ type: 'undo' }]);
  });
});
