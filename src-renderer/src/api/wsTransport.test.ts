import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type WireRequest } from '../../../shared/api';
import { WsTransport, webSocketUrl, type SocketLike } from './wsTransport';
import { preloadClient } from './preloadTransport';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: WireRequest[] = [];
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({ code: 1000 });
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(reason = '') {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason });
  }
}

let sockets: FakeSocket[];
let statuses: string[];
function transport() {
  return new WsTransport({
    url: 'ws://127.0.0.1:1/api?token=t',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onStatus: (s) => statuses.push(s),
    minDelayMs: 100,
    maxDelayMs: 400,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  statuses = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('webSocketUrl', () => {
  it('uses the page host, ws or wss, and the token from the query', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5123', search: '?token=a%2Bb&x=1' }, '/api', 'token')).toBe(
      'ws://127.0.0.1:5123/api?token=a%2Bb',
    );
    expect(webSocketUrl({ protocol: 'https:', host: 'h:1', search: '' }, '/api', 'token')).toBe('wss://h:1/api?token=');
  });
});

describe('WsTransport', () => {
  it('queues requests until open, matches answers by id and throws ApiError with the message', async () => {
    const t = transport();
    const api = t.client();
    const info = api.getInfo();
    const runs = api.listRuns();
    expect(sockets[0].sent).toHaveLength(0);
    sockets[0].open();
    expect(statuses).toEqual(['connecting', 'connected']);
    const [a, b] = sockets[0].sent;
    expect(a).toMatchObject({ kind: 'request', method: 'getInfo' });
    expect(b).toMatchObject({ kind: 'request', method: 'listRuns' });
    // Answer out of order.
    sockets[0].receive({ kind: 'response', id: b.id, ok: false, error: { code: 'busy', message: 'A run is already going' } });
    sockets[0].receive({ kind: 'response', id: a.id, ok: true, result: { version: '1' } });
    await expect(info).resolves.toEqual({ version: '1' });
    const err = await runs.catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('busy');
    expect(err.message).toBe('A run is already going');
  });

  it('delivers events to subscribers until they unsubscribe, and ignores junk', () => {
    const t = transport();
    const api = t.client();
    sockets[0].open();
    const seen: unknown[] = [];
    const off = api.on('train', (ev) => seen.push(ev));
    sockets[0].receive({ kind: 'event', event: 'train', payload: { type: 'log', runId: 'r' } });
    sockets[0].onmessage?.({ data: 'not json' });
    sockets[0].receive({ kind: 'event', event: 'bogus', payload: 1 });
    off();
    sockets[0].receive({ kind: 'event', event: 'train', payload: { type: 'log', runId: 'r2' } });
    expect(seen).toEqual([{ type: 'log', runId: 'r' }]);
  });

  it('fails pending requests on disconnect, then reconnects with backoff', async () => {
    const t = transport();
    const api = t.client();
    sockets[0].open();
    const pending = api.getInfo().catch((e) => e);
    sockets[0].drop();
    const err = await pending;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/Not connected to the LayerLab host/);
    expect(statuses.at(-1)).toBe('disconnected');
    // While disconnected, a request fails at once instead of hanging.
    await expect(api.getInfo()).rejects.toThrow(/Not connected/);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    // A failed attempt doubles the delay.
    sockets[1].drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2].open();
    expect(statuses.at(-1)).toBe('connected');
    const again = api.getInfo();
    sockets[2].receive({ kind: 'response', id: sockets[2].sent[0].id, ok: true, result: 42 });
    await expect(again).resolves.toBe(42);
    t.dispose();
  });

  it('a request made during a connection attempt that fails is rejected, not left hanging', async () => {
    const t = transport();
    const p = t.client().listDatasets().catch((e) => e);
    sockets[0].drop();
    expect(await p).toBeInstanceOf(ApiError);
    t.dispose();
  });
});

describe('preloadClient', () => {
  it('unwraps WireResponses and turns errors into ApiError', async () => {
    const calls: [string, unknown][] = [];
    const api = preloadClient({
      invoke: async (method, payload) => {
        calls.push([method, payload]);
        return method === 'getRun'
          ? { kind: 'response', id: 0, ok: false, error: { code: 'not_found', message: "No run 'x'" } }
          : { kind: 'response', id: 0, ok: true, result: { runId: 'r1' } };
      },
      on: () => () => {},
    });
    await expect(api.startTraining({ graph: {} as never })).resolves.toEqual({ runId: 'r1' });
    const err = await api.getRun({ runId: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not_found', message: "No run 'x'" });
    expect(calls.map((c) => c[0])).toEqual(['startTraining', 'getRun']);
  });
});
