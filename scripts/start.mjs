#!/usr/bin/env node
// `npm start`: runs LayerLab wherever it can. The desktop app (Electron) when its binary is installed (trying
// its download once when not) and a display exists; otherwise, after one line saying why, the browser version:
// the web host of `npm run serve` (building the renderer when its sources changed), its URL printed and opened
// in the default browser where a desktop session exists. `npm start -- --help` lists the options.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { USAGE, parseStartArgs } from './start/args.mjs';
import { openInBrowser, whyNoDisplay } from './start/desktop.mjs';
import { findOrDownloadElectron } from './start/electron.mjs';
import { needsBuild } from './start/stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = process.env.LAYERLAB_ELECTRON_DIR || join(root, 'node_modules', 'electron');
const fromRoot = (...parts) => parts.map((p) => join(root, p));

function runOrExit(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs the child until it exits, passing Ctrl+C / SIGTERM on to it, then exits with its code. */
function supervise(child) {
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function startDesktop(binary, args) {
  // npm runs scripts in the package folder; a file named on the command line is relative to where npm was started.
  const files = args.files.map((f) => resolve(process.env.INIT_CWD || process.cwd(), f));
  const appArgs = [...files, ...(args.template ? ['--template', args.template] : [])];
  const built = fromRoot('out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html');
  if (needsBuild(built, fromRoot('src-main', 'src-renderer', 'shared', 'electron.vite.config.ts', 'package.json'))) {
    runOrExit([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  }
  supervise(spawn(binary, [root, ...appArgs], { cwd: root, stdio: 'inherit' }));
}

function startBrowserVersion(args) {
  if (args.files.length) console.log(`Ignored in the browser version: ${args.files.join(' ')} (open files with File > Open).`);
  if (needsBuild(fromRoot('out/renderer-web/index.html'), fromRoot('src-renderer', 'shared', 'vite.web.config.mts', 'package.json'))) {
    console.log('Building the renderer for the browser (vite build)...');
    runOrExit([join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.web.config.mts', '--logLevel', 'warn']);
  }
  const serveArgs = ['--import', 'tsx', join(root, 'src-main', 'web', 'serve.ts'), ...(args.port === null ? [] : ['--port', args.port])];
  // stdout is piped to read the URL; everything the host prints is passed on unchanged.
  const host = spawn(process.execPath, serveArgs, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
  supervise(host);
  let pending = '';
  let urlSeen = false;
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (urlSeen) return;
    pending += chunk.toString();
    const match = /LayerLab is running at (http:\/\/\S+)/.exec(pending);
    if (!match) return;
    urlSeen = true;
    const url = args.template ? `${match[1]}&template=${encodeURIComponent(args.template)}` : match[1];
    const noDisplay = whyNoDisplay();
    if (!args.open) console.log(`Not opening a browser (--no-open). Open ${url}`);
    else if (noDisplay) console.log(`Not opening a browser: ${noDisplay}. Open ${url} in a browser on this machine.`);
    else {
      console.log(`Opening ${url} in your browser.`);
      openInBrowser(url);
    }
  });
}

function main() {
  let args;
  try {
    args = parseStartArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`npm start: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (args.check) {
    const found = findOrDownloadElectron(electronDir, root);
    if (found.binary) console.log(`Electron's binary is installed: ${found.binary}`);
    else console.error(`${found.why}. The browser version runs instead: npm start -- --browser`);
    process.exit(found.binary ? 0 : 1);
  }
  if (args.browser) {
    console.log('Starting the browser version (--browser).');
    startBrowserVersion(args);
    return;
  }
  const noDisplay = whyNoDisplay();
  const found = noDisplay ? { why: `The desktop app cannot open a window: ${noDisplay}` } : findOrDownloadElectron(electronDir, root);
  if (found.binary) {
    startDesktop(found.binary, args);
    return;
  }
  console.log(`${found.why}. Starting the browser version instead.`);
  startBrowserVersion(args);
}

main();
