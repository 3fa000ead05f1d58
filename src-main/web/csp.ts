// The Content-Security-Policy for the renderer, shared by the web host (HTTP header) and Electron (session
// header). The renderer loads only its own bundled files; React Flow needs inline style attributes.
export interface CspOptions {
  /** Extra origins the page may connect to, e.g. the web host's own ws:// origin. */
  connect?: string[];
  /** electron-vite dev server: allow its inline React-refresh preamble and HMR socket. */
  dev?: boolean;
}

export function rendererCsp(opts: CspOptions = {}): string {
  const script = opts.dev ? "'self' 'unsafe-inline'" : "'self'";
  const connect = ["'self'", ...(opts.connect ?? []), ...(opts.dev ? ['ws:'] : [])].join(' ');
  return [
    "default-src 'none'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
