// Whether a desktop session exists (a window can open), and opening a URL in its default browser.
import { spawn } from 'node:child_process';

/** Why no window can open here (one phrase), or null when a desktop session exists. */
export function whyNoDisplay(platform = process.platform, env = process.env) {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

/** The command that opens a URL in the default browser on this platform. */
export function openerFor(platform, url) {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start`'s first quoted argument is a window title; the empty one keeps the URL from being taken as it.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens the URL in the default browser without waiting for it; never throws. A missing opener or one that
 * fails prints a line saying to open the URL by hand.
 */
export function openInBrowser(url, platform = process.platform) {
  const { command, args } = openerFor(platform, url);
  const cantOpen = (why) => console.log(`Could not open a browser (${why}): open the URL above yourself.`);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', (err) => cantOpen(err.code === 'ENOENT' ? `${command} is not installed` : err.message));
    child.on('exit', (code) => {
      if (code) cantOpen(`${command} exited with code ${code}`);
    });
    child.unref();
  } catch (err) {
    cantOpen(err instanceof Error ? err.message : String(err));
  }
}
