// Serves the built renderer (out/renderer-web) and nothing else: paths are resolved inside the build folder,
// anything that escapes it, does not exist or is not a regular file gets 404. Every answer carries the CSP.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    // The page URL carries the token: never send it on as a referrer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** The file a URL path names inside `root`, or null when it is outside, hidden or not a regular file. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..' || part.startsWith('.'))) return null;
  const rootResolved = path.resolve(root);
  const file = path.resolve(rootResolved, relative);
  if (!file.startsWith(rootResolved + path.sep)) return null;
  try {
    // realpath: a symlink inside the build must not lead outside it.
    const real = fs.realpathSync(file);
    const realRoot = fs.realpathSync(rootResolved);
    if (!real.startsWith(realRoot + path.sep) || !fs.statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export interface StaticOptions {
  root: string;
  csp: string;
  /** Shown instead of the page when the renderer build is missing. */
  missingBuildMessage: string;
}

export function serveStatic(req: IncomingMessage, res: ServerResponse, opts: StaticOptions): void {
  const headers = securityHeaders(opts.csp);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, `Method ${req.method} is not allowed; the LayerLab host serves files with GET only.`, { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const file = resolveStaticPath(opts.root, urlPath);
  if (!file) {
    if (urlPath === '/' || urlPath === '/index.html') sendText(res, 503, opts.missingBuildMessage, headers);
    else sendText(res, 404, `Not found: ${urlPath.slice(0, 200)} is not part of the LayerLab renderer build.`, headers);
    return;
  }
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const size = fs.statSync(file).size;
  res.writeHead(200, {
    ...headers,
    'Content-Type': type,
    'Content-Length': String(size),
    // Vite puts content hashes in asset names; index.html must always be fresh.
    'Cache-Control': urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
