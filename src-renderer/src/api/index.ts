// The app's single ApiClient: the Electron preload bridge when present, else WebSocket to the web host.
import { WEB_API_PATH, WEB_TOKEN_PARAM, type ApiClient, type PreloadBridge } from '../../../shared/api';
import { useConnection } from './connection';
import { preloadClient } from './preloadTransport';
import { WsTransport, webSocketUrl } from './wsTransport';

declare global {
  interface Window {
    layerlab?: PreloadBridge;
  }
}

function createClient(): ApiClient {
  if (typeof window !== 'undefined' && window.layerlab) {
    useConnection.getState().set('connected');
    return preloadClient(window.layerlab);
  }
  const transport = new WsTransport({
    url: webSocketUrl(window.location, WEB_API_PATH, WEB_TOKEN_PARAM),
    onStatus: (status, detail, retry) => useConnection.getState().set(status, detail, retry),
  });
  return transport.client();
}

export const api: ApiClient = createClient();
export { useConnection } from './connection';
