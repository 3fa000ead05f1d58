// Links and windows from inside the app: only the documented links reach the user's browser (every https URL
// used to), the window never navigates away from the app's own page and never opens a window of its own.
// Electron's app, shell and webContents are stand-ins that record what the handlers do.
import type { App, Shell } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENTED_LINKS, isDocumentedLink } from '../../shared/links';
import { hardenContents } from './harden';

type Listener = (...args: unknown[]) => unknown;

function harness() {
  const opened: string[] = [];
  const contentsHandlers = new Map<string, Listener>();
  let windowOpen: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, l: Listener) => contentsHandlers.set(name, l),
    setWindowOpenHandler: (h: typeof windowOpen) => (windowOpen = h),
  };
  const app = { on: (name: string, l: Listener) => name === 'web-contents-created' && l({}, contents) } as unknown as Pick<App, 'on'>;
  const shell = { openExternal: async (url: string) => void opened.push(url) } as unknown as Pick<Shell, 'openExternal'>;
  hardenContents(app, shell, (url) => url.startsWith('file:///app/index.html'));
  const navigate = (url: string) => {
    let prevented = false;
    contentsHandlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { opened, windowOpen: (url: string) => windowOpen!({ url }), navigate };
}

const REFUSED = [
  'https://evil.example/',
  'https://pytorch.org/get-started/locally/?next=https://evil.example',
  'https://pytorch.org.evil.example/get-started/locally/',
  'https://pytorch.org@evil.example/get-started/locally/',
  'https://user:pw@pytorch.org/get-started/locally/',
  'http://pytorch.org/get-started/locally/',
  'https://pytorch.org/get-started/',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'not a url',
];

afterEach(() => vi.restoreAllMocks());

describe('links and windows opened from the app', () => {
  it('window.open: documented links go to the browser, nothing else; no window ever opens', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = harness();
    for (const url of [...Object.values(DOCUMENTED_LINKS), `${DOCUMENTED_LINKS.tfjs}#install`, ...REFUSED]) {
      expect(h.windowOpen(url)).toEqual({ action: 'deny' });
    }
    expect(h.opened).toEqual([...Object.values(DOCUMENTED_LINKS), `${DOCUMENTED_LINKS.tfjs}#install`]);
  });

  it('navigation: the app page stays, everything else is stopped, documented links open in the browser', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = harness();
    expect(h.navigate('file:///app/index.html#/runs')).toBe(false);
    expect(h.navigate(DOCUMENTED_LINKS.pytorchInstall)).toBe(true);
    for (const url of REFUSED) expect(h.navigate(url), url).toBe(true);
    expect(h.opened).toEqual([DOCUMENTED_LINKS.pytorchInstall]);
  });

  it('isDocumentedLink accepts exactly the listed pages', () => {
    expect(Object.values(DOCUMENTED_LINKS).every(isDocumentedLink)).toBe(true);
    expect(REFUSED.filter(isDocumentedLink)).toEqual([]);
  });
});
