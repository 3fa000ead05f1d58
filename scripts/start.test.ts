// `npm start` (scripts/start.mjs) as users meet it: Electron where its binary exists and a display is there,
// otherwise the browser version, whose printed (and opened) URL must really show the app in Chromium.
// Electron's package folder is faked through LAYERLAB_ELECTRON_DIR (absent binary, or a script recording its
// argv), and xdg-open is a script on PATH recording its argv, so no test depends on what this machine has.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../shared/templates';

const root = resolve(__dirname, '..');
const script = join(root, 'scripts/start.mjs');
const CHROMIUM = process.env.LAYERLAB_CHROMIUM ?? '/usr/bin/chromium';
const URL_LINE = /LayerLab is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32})\n/;

const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-start-'));
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function executable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** A folder laid out like node_modules/electron; with a binary, it is a shell script writing its argv to `log`. */
function electronPackage(binary: { log: string } | null): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'install.js'), 'process.exit(1);\n');
  writeFileSync(join(dir, 'path.txt'), 'electron');
  if (binary) {
    mkdirSync(join(dir, 'dist'));
    executable(join(dir, 'dist', 'electron'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${binary.log}'\n`);
  }
  return dir;
}

/** A folder for PATH's front holding an xdg-open that writes its argv to `log`. */
function fakeOpener(log: string): string {
  const dir = tempDir();
  executable(join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\n`);
  return dir;
}

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output; rejects when the script exits first. */
  waitFor: (pattern: RegExp) => Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

function startScript(args: string[], env: { electronDir: string; display: string | null; pathFront: string }): Started {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    LAYERLAB_HOME: tempDir(),
    LAYERLAB_ELECTRON_DIR: env.electronDir,
    ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
    PATH: `${env.pathFront}:${process.env.PATH}`,
  };
  delete childEnv.WAYLAND_DISPLAY;
  if (env.display === null) delete childEnv.DISPLAY;
  else childEnv.DISPLAY = env.display;
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env: childEnv, stdio: 'pipe' });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    out += chunk.toString();
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const waitFor = (pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((res, rej) => {
      const check = (): void => {
        const m = pattern.exec(out);
        if (m) {
          listeners.delete(check);
          res(m);
        }
      };
      listeners.add(check);
      check();
      void exited.then((code) => {
        check();
        rej(new Error(`start script exited (${code}) before printing ${pattern}:\n${out}`));
      });
    });
  return { child, output: () => out, waitFor, exited };
}

/** Opens the URL in headless Chromium and waits for the app's header to show the parameter count. */
async function expectAppAt(url: string, check?: (page: import('playwright-core').Page) => Promise<void>): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('total-params').waitFor({ state: 'visible', timeout: 60_000 });
    await check?.(page);
  } finally {
    await browser.close();
  }
}

/** Ctrl+C: the host stops (saving running trainings) and the script exits 0. */
async function stopWithCtrlC(started: Started): Promise<void> {
  started.child.kill('SIGINT');
  expect(await started.exited, started.output()).toBe(0);
  expect(started.output()).toContain('SIGINT: stopping');
}

describe('npm start (scripts/start.mjs)', () => {
  it('--help lists --browser, --no-open, --port and --template; an unknown option is refused with the usage', () => {
    const help = spawnSync(process.execPath, [script, '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const option of ['--browser', '--no-open', '--port N', '--template ID', '--check']) expect(help.stdout).toContain(option);
    const bad = spawnSync(process.execPath, [script, '--bogus'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^npm start: Unknown option '--bogus'\.\n\nUsage: npm start/);
  });

  it('--check says plainly that the binary is missing and how to run the browser version', () => {
    const result = spawnSync(process.execPath, [script, '--check'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', LAYERLAB_ELECTRON_DIR: electronPackage(null) },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Electron's binary is not installed (download failed: skipped because ELECTRON_SKIP_BINARY_DOWNLOAD is set). " +
        'The browser version runs instead: npm start -- --browser',
    );
  });

  it('without the Electron binary and without a display: one line why, then the web host whose URL shows the app', async () => {
    const openLog = join(tempDir(), 'xdg-open.args');
    const started = startScript(['--port', '0'], { electronDir: electronPackage(null), display: null, pathFront: fakeOpener(openLog) });
    try {
      const [, url] = await started.waitFor(URL_LINE);
      expect(started.output().split('\n')[0]).toBe(
        'The desktop app cannot open a window: there is no display (DISPLAY and WAYLAND_DISPLAY are unset). Starting the browser version instead.',
      );
      const [decision] = await started.waitFor(/(Not opening a browser|Opening \S+ in your browser).*/);
      expect(decision).toMatch(/^Not opening a browser: there is no display/);
      await expectAppAt(url);
      await stopWithCtrlC(started);
      expect(existsSync(openLog), 'xdg-open must not run without a display').toBe(false);
    } finally {
      started.child.kill('SIGKILL');
    }
  });

  it('with a display but no Electron binary: says the download failed and opens the URL (with --template) in the default browser', async () => {
    const openLog = join(tempDir(), 'xdg-open.args');
    const started = startScript(['--port', '0', '--template', 'cnn-cifar10'], {
      electronDir: electronPackage(null),
      display: ':99',
      pathFront: fakeOpener(openLog),
    });
    try {
      await started.waitFor(URL_LINE);
      expect(started.output().split('\n')[0]).toBe(
        "Electron's binary is not installed (download failed: skipped because ELECTRON_SKIP_BINARY_DOWNLOAD is set). Starting the browser version instead.",
      );
      const [, opened] = await started.waitFor(/Opening (\S+) in your browser\./);
      await expect.poll(() => existsSync(openLog) && readFileSync(openLog, 'utf8'), { timeout: 30_000 }).toBe(`${opened}\n`);
      expect(opened).toMatch(/&template=cnn-cifar10$/);
      // The URL the browser was given opens the app with that template.
      await expectAppAt(opened, async (page) => {
        await page.getByTestId('file-name').filter({ hasText: getTemplate('cnn-cifar10')!.graph.name }).waitFor({ timeout: 30_000 });
      });
      await stopWithCtrlC(started);
    } finally {
      started.child.kill('SIGKILL');
    }
  });

  it('with a display and the Electron binary: launches Electron with the app folder and the arguments, no web host', async () => {
    const electronLog = join(tempDir(), 'electron.args');
    const openLog = join(tempDir(), 'xdg-open.args');
    const started = startScript(['--template', 'mlp-mnist', 'my graph.layerlab.json'], {
      electronDir: electronPackage({ log: electronLog }),
      display: ':99',
      pathFront: fakeOpener(openLog),
    });
    expect(await started.exited, started.output()).toBe(0);
    expect(readFileSync(electronLog, 'utf8').split('\n').filter(Boolean)).toEqual([
      root,
      join(process.env.INIT_CWD || root, 'my graph.layerlab.json'),
      '--template',
      'mlp-mnist',
    ]);
    expect(started.output()).not.toMatch(/LayerLab is running at|browser version/);
    expect(existsSync(openLog)).toBe(false);
  });

  it('with the Electron binary but no display: the browser version, and its failure is the exit code', async () => {
    const electronLog = join(tempDir(), 'electron.args');
    // An impossible port makes the web host refuse at once: the test needs only the choice and the exit code.
    const started = startScript(['--port', '70000'], { electronDir: electronPackage({ log: electronLog }), display: null, pathFront: tempDir() });
    expect(await started.exited, started.output()).toBe(1);
    expect(started.output()).toMatch(/^The desktop app cannot open a window: there is no display .*\. Starting the browser version instead\.\n/);
    expect(started.output()).toContain("layerlab serve: --port: '70000' is not a port number");
    expect(existsSync(electronLog), 'Electron must not be launched without a display').toBe(false);
  });

  it('--browser starts the web host although Electron could run; --no-open prints the URL without opening it', async () => {
    const electronLog = join(tempDir(), 'electron.args');
    const openLog = join(tempDir(), 'xdg-open.args');
    const started = startScript(['--browser', '--no-open', '--port', '0'], {
      electronDir: electronPackage({ log: electronLog }),
      display: ':99',
      pathFront: fakeOpener(openLog),
    });
    try {
      const [, url] = await started.waitFor(URL_LINE);
      expect(started.output().split('\n')[0]).toBe('Starting the browser version (--browser).');
      const [decision] = await started.waitFor(/(Not opening a browser|Opening \S+ in your browser).*/);
      expect(decision).toMatch(/^Not opening a browser \(--no-open\)\. Open http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/);
      await expectAppAt(url);
      await stopWithCtrlC(started);
      expect(existsSync(electronLog), 'Electron must not be launched with --browser').toBe(false);
      expect(existsSync(openLog), 'xdg-open must not run with --no-open').toBe(false);
    } finally {
      started.child.kill('SIGKILL');
    }
  });
});
