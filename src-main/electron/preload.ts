// Runs in the sandboxed renderer before the page: exposes exactly the PreloadBridge (shared/api.ts) as
// window.layerlab. Nothing else from Node or Electron reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventName, ApiMethod, PreloadBridge, WireResponse } from '../../shared/api';
import { API_CHANNEL, EVENT_CHANNEL } from './channels';
import { createEventRelay } from './event-relay';

// One IPC listener from the start, so a menu command sent right after the page loaded (a file the OS opened the
// app with) waits here until the page subscribes. The page never sees the IpcRendererEvent (it would expose `sender`).
const relay = createEventRelay({ keep: ['menu'] });
ipcRenderer.on(EVENT_CHANNEL, (_e: IpcRendererEvent, name: unknown, payload: unknown) => relay.dispatch(name, payload));

const bridge: PreloadBridge = {
  invoke(method: ApiMethod, payload: unknown): Promise<WireResponse> {
    return ipcRenderer.invoke(API_CHANNEL, method, payload) as Promise<WireResponse>;
  },
  on(event: ApiEventName, listener: (payload: unknown) => void): () => void {
    return relay.on(event, listener);
  },
};

contextBridge.exposeInMainWorld('layerlab', bridge);
