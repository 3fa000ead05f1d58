// ApiClient over the Electron preload bridge (window.layerlab, exposed with contextBridge).
import type { ApiClient, PreloadBridge } from '../../../shared/api';
import { makeClient, type OnFn } from './makeClient';
import { unwrapResponse } from './wire';

export function preloadClient(bridge: PreloadBridge): ApiClient {
  const on: OnFn = (event, listener) => bridge.on(event, (payload) => listener(payload as never));
  return makeClient(async (method, payload) => unwrapResponse(await bridge.invoke(method, payload)), on);
}
