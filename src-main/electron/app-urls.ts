// Which URLs are the app's own pages. In production the renderer is a local file; during `electron-vite dev`
// it is the Vite dev server on localhost. Nothing else may load in the window or call the api.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RendererLocation {
  /** What the window loads. */
  url: string;
  /** True for the app's own pages (any route or hash within them). */
  isAppUrl(url: string): boolean;
  dev: boolean;
}

/** Only a loopback http dev server is accepted from ELECTRON_RENDERER_URL: never remote content. */
export function isLoopbackHttpUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

export function rendererLocation(opts: { devUrl?: string; rendererIndex: string; packaged: boolean }): RendererLocation {
  if (!opts.packaged && opts.devUrl && isLoopbackHttpUrl(opts.devUrl)) {
    const origin = new URL(opts.devUrl).origin;
    return { url: opts.devUrl, dev: true, isAppUrl: (url) => safeOrigin(url) === origin };
  }
  const indexUrl = pathToFileURL(path.resolve(opts.rendererIndex)).href;
  return {
    url: indexUrl,
    dev: false,
    isAppUrl: (url) => {
      try {
        const u = new URL(url);
        return u.protocol === 'file:' && `${u.protocol}//${u.host}${u.pathname}` === indexUrl;
      } catch {
        return false;
      }
    },
  };
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
