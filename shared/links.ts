// The web pages LayerLab may open, in the user's own browser: the desktop app refuses every other URL a page
// tries to open (a link in a shared graph's text, a compromised renderer), so a link must be listed here before
// the interface shows it. Exact pages; a #fragment is allowed, any other difference is not.
export const DOCUMENTED_LINKS = {
  tfjs: 'https://www.tensorflow.org/js',
  tfjsNode: 'https://www.npmjs.com/package/@tensorflow/tfjs-node',
  pytorchInstall: 'https://pytorch.org/get-started/locally/',
} as const;

const ALLOWED = new Set(Object.values(DOCUMENTED_LINKS).map((u) => new URL(u).href));

/** True when `url` is one of DOCUMENTED_LINKS (https, no user name or password, same host, path and query). */
export function isDocumentedLink(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  u.hash = '';
  return ALLOWED.has(u.href);
}
