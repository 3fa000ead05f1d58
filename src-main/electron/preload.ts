// Runs in the sandboxed renderer before the page: exposes exactly the PreloadBridge (shared/api.ts) as
// window.layerlab. Nothing else from Node or Electron reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventName, ApiMethod, PreloadBridge, WireResponse } from '../../shared/api';
import { API_CHANNEL, EVENT_CHANNEL } from './channels';

const bridge: PreloadBridge = {
  invoke(method: ApiMethod, payload: unknown): Promise<WireResponse> {
    return ipcRenderer.invoke(API_CHANNEL, method, payload) as Promise<WireResponse>;
  },
  on(event: ApiEventName, listener: (payload: unknown) => void): () => void {
    // The page never sees the IpcRendererEvent (it would expose `sender`).
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('layerlab', bridge);
