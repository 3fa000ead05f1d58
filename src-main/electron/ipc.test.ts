import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/api';
import type { TrainEvent, WireResponse } from '../../shared/api';
import { createApiHandlers } from '../api-handlers';
import { fakeDeps, sampleGraph } from '../api-handlers.fakes';
import { API_CHANNEL, EVENT_CHANNEL } from './channels';
import { bindApiToIpc, forwardTrainEvents, sendEvent, type InvokeEventLike, type IpcMainLike, type WebContentsLike } from './ipc';

const APP_URL = 'file:///app/out/renderer/index.html';

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, (e: InvokeEventLike, ...args: unknown[]) => Promise<unknown>> } {
  const handlers = new Map<string, (e: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

function fakeWebContents(): WebContentsLike & { sent: unknown[][]; destroyed: boolean } {
  return {
    sent: [],
    destroyed: false,
    send(channel, ...args) {
      this.sent.push([channel, ...args]);
    },
    isDestroyed() {
      return this.destroyed;
    },
  };
}

function bind() {
  const deps = fakeDeps();
  const ipcMain = fakeIpcMain();
  const unbind = bindApiToIpc(ipcMain, createApiHandlers(deps), { isTrustedUrl: (url) => url === APP_URL });
  const invoke = (method: unknown, payload?: unknown, url = APP_URL) =>
    ipcMain.handlers.get(API_CHANNEL)!({ senderFrame: { url } }, method, payload) as Promise<WireResponse>;
  return { deps, ipcMain, unbind, invoke };
}

describe('Electron IPC binding', () => {
  it('registers the api channel and removes it on unbind', () => {
    const { ipcMain, unbind } = bind();
    expect([...ipcMain.handlers.keys()]).toEqual([API_CHANNEL]);
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('binds every api method (contract)', async () => {
    const { invoke } = bind();
    for (const method of API_METHODS) {
      const res = await invoke(method, undefined);
      expect(res.kind).toBe('response');
      if (!res.ok) expect(res.error.message, method).not.toMatch(/Unknown api method/);
    }
  });

  it('runs requests through the shared handlers, validation included', async () => {
    const { invoke, deps } = bind();
    expect(await invoke('startTraining', { graph: sampleGraph() })).toMatchObject({ ok: true, result: { runId: 'run-1' } });
    expect(deps.training.calls).toHaveLength(1);
    expect(await invoke('getRun', { runId: '../x' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await invoke('rm -rf', {})).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/^Unknown api method/) } });
  });

  it('refuses requests from frames that are not the app page', async () => {
    const { invoke, deps } = bind();
    const res = await invoke('startTraining', { graph: sampleGraph() }, 'https://evil.example/');
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid', message: 'Api requests from https://evil.example/ are not accepted' } });
    expect(deps.training.calls).toHaveLength(0);
  });

  it('forwards training events to the window until unsubscribed, and never to a destroyed one', () => {
    const { deps } = bind();
    const wc = fakeWebContents();
    const stop = forwardTrainEvents(deps.training, wc);
    const event: TrainEvent = { type: 'paused', runId: 'run-1', time: 5 };
    deps.training.emit(event);
    expect(wc.sent).toEqual([[EVENT_CHANNEL, 'train', event]]);
    wc.destroyed = true;
    deps.training.emit(event);
    expect(wc.sent).toHaveLength(1);
    stop();
    expect(deps.training.listenerCount()).toBe(0);
  });

  it('sends menu commands on the event channel', () => {
    const wc = fakeWebContents();
    sendEvent(wc, 'menu', { type: 'open', path: '/g.layerlab.json', content: '{}' });
    expect(wc.sent).toEqual([[EVENT_CHANNEL, 'menu', { type: 'open', path: '/g.layerlab.json', content: '{}' }]]);
  });
});
