// Binds the api to Electron IPC. Pure functions over ipcMain-like and webContents-like objects, so the binding is
// tested without Electron: every request goes through the same `dispatch` as the WebSocket host.
import type { Api, ApiEventName, ApiEvents, WireResponse } from '../../shared/api';
import { dispatch } from '../api-handlers';
import { API_CHANNEL, EVENT_CHANNEL } from './channels';

/** What the binding reads from an IpcMainInvokeEvent. */
export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface BindOptions {
  /** Only the app's own pages may call the api (Electron security checklist: validate the sender). */
  isTrustedUrl: (url: string) => boolean;
}

/** Registers the api channel; returns the function that removes it. */
export function bindApiToIpc(ipcMain: IpcMainLike, handlers: Api, opts: BindOptions): () => void {
  ipcMain.handle(API_CHANNEL, async (event, method, payload): Promise<WireResponse> => {
    const url = event.senderFrame?.url ?? '';
    if (!opts.isTrustedUrl(url)) {
      return { kind: 'response', id: 0, ok: false, error: { code: 'invalid', message: `Api requests from ${url.slice(0, 80) || 'an unknown frame'} are not accepted` } };
    }
    return dispatch(handlers, method, payload);
  });
  return () => ipcMain.removeHandler(API_CHANNEL);
}

export function sendEvent<E extends ApiEventName>(target: WebContentsLike, event: E, payload: ApiEvents[E]): void {
  if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event, payload);
}

/** Relays every training event to the window; returns the unsubscribe function. */
export function forwardTrainEvents(source: { onEvent(listener: (e: ApiEvents['train']) => void): () => void }, target: WebContentsLike): () => void {
  return source.onEvent((e) => sendEvent(target, 'train', e));
}
