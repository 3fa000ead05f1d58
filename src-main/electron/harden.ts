// What pages inside the app may do with navigation: the window shows only the app's own pages, never opens
// windows, never attaches webviews, and hands only the documented links (shared/links.ts) to the user's
// browser. Any other URL (a link inside a shared graph file's text, a page that tries window.open) is refused.
import type { App, Shell } from 'electron';
import { isDocumentedLink } from '../../shared/links';

export function hardenContents(app: Pick<App, 'on'>, shell: Pick<Shell, 'openExternal'>, isAppUrl: (url: string) => boolean): void {
  const openIfDocumented = (url: string) => {
    if (isDocumentedLink(url)) void shell.openExternal(url);
    else console.warn(`Refused to open ${url.slice(0, 200)}: not one of the app's documented links`);
  };
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppUrl(url)) return;
      event.preventDefault();
      openIfDocumented(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openIfDocumented(url);
      return { action: 'deny' };
    });
  });
}
