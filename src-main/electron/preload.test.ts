// The preload (preload.ts) with Electron faked: the page gets exactly the PreloadBridge of shared/api.ts as
// window.layerlab (invoke and on, nothing from Node or Electron), requests go over the api channel, and event
// listeners receive only the payload, never the IpcRendererEvent (its `sender` would hand the page ipc access).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_CHANNEL, EVENT_CHANNEL } from './channels';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    exposed: [] as { key: string; value: unknown }[],
    invoked: [] as unknown[][],
    ipcListeners: new Map<string, Listener>(),
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void state.exposed.push({ key, value }) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        state.invoked.push(args);
        return { kind: 'response', id: 1, ok: true, result: 'answer' };
      },
      on: (channel: string, l: Listener) => void state.ipcListeners.set(channel, l),
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

interface Bridge {
  invoke(method: string, payload: unknown): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): () => void;
}
let bridge: Bridge;
const sendFromMain = (...args: unknown[]) => fake.state.ipcListeners.get(EVENT_CHANNEL)!({ sender: { send: () => undefined } }, ...args);

beforeAll(async () => {
  await import('./preload');
  bridge = fake.state.exposed[0]?.value as Bridge;
});

describe('the preload bridge', () => {
  it('exposes one object, window.layerlab, with only the api contract: invoke and on', () => {
    expect(fake.state.exposed.map((e) => e.key)).toEqual(['layerlab']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
    // Nothing of Electron's rides along (an ipcRenderer handed to the page would bypass the api's checks).
    expect(Object.values(bridge).some((v) => v === fake.electron.ipcRenderer || v === fake.electron.ipcRenderer.invoke)).toBe(false);
  });

  it('invoke sends (method, payload) over the api channel and returns main\'s answer', async () => {
    await expect(bridge.invoke('getAppInfo', { a: 1 })).resolves.toEqual({ kind: 'response', id: 1, ok: true, result: 'answer' });
    expect(fake.state.invoked).toEqual([[API_CHANNEL, 'getAppInfo', { a: 1 }]]);
  });

  it('event listeners get the payload alone, never the ipc event', () => {
    const calls: unknown[][] = [];
    const off = bridge.on('train', (...args) => calls.push(args));
    sendFromMain('train', { runId: 'r1' });
    expect(calls).toEqual([[{ runId: 'r1' }]]);
    off();
    sendFromMain('train', { runId: 'r2' });
    expect(calls).toHaveLength(1);
  });

  it('a menu command sent before the page subscribed waits for it (a file the OS opened the app with)', async () => {
    sendFromMain('menu', { type: 'new' });
    const calls: unknown[] = [];
    bridge.on('menu', (p) => calls.push(p));
    await Promise.resolve();
    expect(calls).toEqual([{ type: 'new' }]);
  });
});
