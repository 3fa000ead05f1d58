// The browser/headless host: the built renderer and the api over WebSocket on 127.0.0.1 only, guarded by a
// random token made at each start. Page: http://127.0.0.1:PORT/?token=T; api: ws://127.0.0.1:PORT/api?token=T.
// No Electron imports here (nor in anything this file imports).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';
import { ApiError, WEB_API_PATH, WEB_TOKEN_PARAM } from '../../shared/api';
import type { ApiEventName, ApiEvents } from '../../shared/api';
import { createApiHandlers, type ApiDeps, type GraphFilesLike } from '../api-handlers';
import { rendererCsp } from './csp';
import { serveStatic } from './static-files';
import { WsApi } from './ws-api';

export const DEFAULT_PORT = 5185;
export const HOST = '127.0.0.1';
export const DEFAULT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer-web');
export const BUILD_HINT = 'The renderer is not built. Build it with `npm run build:web` (vite build --config vite.web.config.mts), or run `npm run serve`, which builds it first.';

/** WebSocket close code 1008: policy violation. */
const POLICY_VIOLATION = 1008;
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** In the browser, files go through upload and download; the native dialogs exist only in Electron. */
export const browserFiles: GraphFilesLike = {
  open: () => Promise.reject(new ApiError('unsupported', 'openGraphFile: the browser version has no file dialog; open a file with the upload button')),
  save: () => Promise.reject(new ApiError('unsupported', 'saveGraphFile: the browser version cannot write files; the graph is downloaded instead')),
};

export interface WebHostOptions {
  /** Everything but `files` (the browser host always uses upload/download). Omit to use the real services. */
  deps?: Omit<ApiDeps, 'files'>;
  /** 0 picks a free port. Default: LAYERLAB_PORT or 5185. */
  port?: number;
  rendererDir?: string;
  /** Runs and caches, for the real services (default LAYERLAB_HOME or ~/.layerlab). */
  dataDir?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  rendererBuilt: boolean;
  /** Pushes an event to every connected client (train events are forwarded automatically). */
  broadcast<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  close(): Promise<void>;
}

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LAYERLAB_PORT;
  return raw === undefined || raw === '' ? DEFAULT_PORT : parsePort(raw, 'LAYERLAB_PORT');
}

export function parsePort(raw: string, where: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535) throw new Error(`${where}: '${raw}' is not a port number (0 to 65535; 0 picks a free one)`);
  return port;
}

export async function startWebHost(opts: WebHostOptions = {}): Promise<WebHost> {
  let dispose: () => Promise<void> = async () => {};
  let deps = opts.deps;
  if (!deps) {
    const real = await import('./real-deps');
    const made = real.createRealDeps({ dataDir: opts.dataDir });
    deps = made.deps;
    dispose = made.dispose;
  }
  const handlers = createApiHandlers({ ...deps, files: browserFiles });
  const token = crypto.randomBytes(24).toString('base64url');
  const rendererDir = opts.rendererDir ?? DEFAULT_RENDERER_DIR;
  const rendererBuilt = fs.existsSync(path.join(rendererDir, 'index.html'));
  const api = new WsApi(handlers);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  let port = 0;
  // Requests must name this server as 127.0.0.1 or localhost: a page on another site that rebinds its DNS name
  // to 127.0.0.1 sends its own Host and Origin, and is refused.
  const allowedHosts = (): string[] => [`${HOST}:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);
  let csp = '';

  const server = http.createServer((req, res) => {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`Misdirected request: this LayerLab host answers only to ${allowedHosts().join(' or ')}.`);
      return;
    }
    serveStatic(req, res, { root: rendererDir, csp, missingBuildMessage: BUILD_HINT });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const refuseHttp = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WEB_API_PATH) return refuseHttp('404 Not Found');
    if (!allowedHosts().includes(req.headers.host ?? '')) return refuseHttp('421 Misdirected Request');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Accept, then close with a reason: a browser sees the reason, it never sees an HTTP refusal's status.
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().includes(origin)) {
        ws.close(POLICY_VIOLATION, `LayerLab: connections from ${origin.slice(0, 60)} are not allowed`);
      } else if (!tokenMatches(url.searchParams.get(WEB_TOKEN_PARAM), token)) {
        ws.close(POLICY_VIOLATION, 'LayerLab: missing or wrong token; open the URL the server printed');
      } else {
        api.accept(ws);
      }
    });
  });

  const stopTrain = deps.training.onEvent((event) => api.broadcast('train', event));
  const stopDownloads = deps.datasetFiles?.onProgress((p) => api.broadcast('datasetDownload', p));
  const unsubscribe = () => {
    stopTrain();
    stopDownloads?.();
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? portFromEnv(), HOST, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err: NodeJS.ErrnoException) => {
    unsubscribe();
    await dispose();
    if (err.code === 'EADDRINUSE') {
      throw new Error(`Port ${opts.port ?? portFromEnv()} on ${HOST} is in use: pass --port N (or LAYERLAB_PORT=N; 0 picks a free port)`);
    }
    throw err;
  });
  port = (server.address() as AddressInfo).port;
  csp = rendererCsp({ connect: [`ws://${HOST}:${port}`, `ws://localhost:${port}`] });

  let closed: Promise<void> | null = null;
  return {
    url: `http://${HOST}:${port}/?${WEB_TOKEN_PARAM}=${token}`,
    port,
    token,
    rendererBuilt,
    broadcast: (event, payload) => api.broadcast(event, payload),
    close() {
      closed ??= (async () => {
        unsubscribe();
        api.closeAll(1001, 'LayerLab host is shutting down');
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dispose();
      })();
      return closed;
    },
  };
}
