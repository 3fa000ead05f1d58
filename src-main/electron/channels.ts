// IPC channel names shared by main (ipc.ts) and the preload. No imports: the sandboxed preload bundles this.
/** ipcRenderer.invoke(API_CHANNEL, method, payload) -> WireResponse */
export const API_CHANNEL = 'api';
/** webContents.send(EVENT_CHANNEL, eventName, payload) */
export const EVENT_CHANNEL = 'api-event';
