import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../shared/api';
import { readGraphFileText } from '../files/graph-files';
import { FileOpener, followWindow, graphPathFromArgv, templateIdFromArgv, wireAppFileOpens, type AppLike, type WindowLike } from './open-files';

describe('templateIdFromArgv', () => {
  it('reads --template ID and --template=ID, and nothing else', () => {
    expect(templateIdFromArgv(['/x/layerlab', '--template', 'cnn-cifar10'])).toBe('cnn-cifar10');
    expect(templateIdFromArgv(['/x/layerlab', '--foo', '--template=mlp-mnist'])).toBe('mlp-mnist');
    expect(templateIdFromArgv(['/x/layerlab', '--template'])).toBeNull();
    expect(templateIdFromArgv(['/x/layerlab', '--template', '--other'])).toBeNull();
    expect(templateIdFromArgv(['--template', 'x'])).toBeNull(); // argv[0] is the executable
    expect(templateIdFromArgv(['/x/layerlab', 'a.layerlab.json'])).toBeNull();
  });
});

describe('graphPathFromArgv', () => {
  it('finds the .layerlab.json in a packaged start, a development start and a second instance', () => {
    expect(graphPathFromArgv(['/opt/LayerLab/layerlab', '/home/u/m.layerlab.json'], '/')).toBe('/home/u/m.layerlab.json');
    // electron . file / electron out/main/index.js file: the app path is not a graph file.
    expect(graphPathFromArgv(['/x/electron', '.', 'm.layerlab.json'], '/home/u')).toBe('/home/u/m.layerlab.json');
    expect(graphPathFromArgv(['/x/electron', '/repo/out/main/index.js', '--inspect=9229', 'sub/m.LayerLab.JSON'], '/w')).toBe('/w/sub/m.LayerLab.JSON');
    // Chromium adds switches to a second instance's argv; one of them may even name a graph file.
    expect(graphPathFromArgv(['C:/LayerLab.exe', '--allow-file-access-from-files', '--original-process-start-time=1', '--x=/a.layerlab.json', '/docs/b.layerlab.json'], '/')).toBe('/docs/b.layerlab.json');
  });

  it('ignores the executable, flags and other files, and returns null when no graph file is named', () => {
    expect(graphPathFromArgv(['/x/graph.layerlab.json'], '/')).toBeNull(); // argv[0] is the executable
    expect(graphPathFromArgv(['/x/layerlab', '--flag', 'notes.json', 'data.csv', 'model.layerlab'], '/')).toBeNull();
    expect(graphPathFromArgv([], '/')).toBeNull();
  });

  it('turns file:// URLs (Linux desktop files pass %U) into paths and resolves Windows paths with win32 rules', () => {
    const file = path.join(os.tmpdir(), 'a b.layerlab.json');
    expect(graphPathFromArgv(['/x/layerlab', pathToFileURL(file).href], '/')).toBe(file);
    expect(graphPathFromArgv(['/x/layerlab', 'file://other-host/share/a.layerlab.json'], '/')).toBeNull();
    expect(graphPathFromArgv(['C:\\LayerLab\\LayerLab.exe', 'models\\m.layerlab.json'], 'D:\\work', path.win32)).toBe('D:\\work\\models\\m.layerlab.json');
    expect(graphPathFromArgv(['C:\\LayerLab\\LayerLab.exe', 'C:\\m.layerlab.json'], 'D:\\work', path.win32)).toBe('C:\\m.layerlab.json');
  });
});

// ---- fakes for app and BrowserWindow ----

type Listener = (...args: any[]) => void;
class Emitter {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

class FakeApp extends Emitter implements AppLike {
  constructor(private readonly primary = true) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.primary;
  }
}

class FakeWindow extends Emitter implements WindowLike {
  webContents = new Emitter();
  /** What a real window does: start loading, then finish. */
  load(): void {
    this.webContents.emit('did-start-loading');
    this.webContents.emit('did-finish-load');
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function graphFile(name: string, content = '{"format":"layerlab-graph"}'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-open-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function setup(opts: { argv?: string[]; primary?: boolean } = {}) {
  const sent: MenuCommand[] = [];
  const errors: string[] = [];
  let shown = 0;
  // Reads in flight, so settle() waits for them (a fixed delay lost the race on a loaded machine).
  const reading = new Set<Promise<unknown>>();
  const opener = new FileOpener({
    read: (p) => {
      const job = readGraphFileText(p).then((content) => ({ path: p, content }));
      reading.add(job);
      void job.finally(() => reading.delete(job)).catch(() => {});
      return job;
    },
    send: (c) => sent.push(c),
    showError: (title, err) => errors.push(`${title}: ${err instanceof Error ? err.message : String(err)}`),
  });
  const app = new FakeApp(opts.primary ?? true);
  const primary = wireAppFileOpens(app, opener, { argv: opts.argv ?? ['/opt/LayerLab/layerlab'], cwd: '/', showWindow: () => shown++ });
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await Promise.allSettled([...reading]);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { sent, errors, opener, app, primary, shown: () => shown, settle };
}

describe('opening files handed over by the OS', () => {
  it("delivers a macOS 'open-file' sent before the app was ready once the window's page has loaded", async () => {
    const file = graphFile('early.layerlab.json', '{"early":1}');
    const { sent, app, settle, opener } = setup();
    let prevented = false;
    app.emit('open-file', { preventDefault: () => (prevented = true) }, file);
    expect(prevented).toBe(true);
    await settle();
    expect(sent).toEqual([]);
    expect(opener.waiting).toBe(file);

    const win = new FakeWindow();
    followWindow(win, opener);
    win.webContents.emit('did-start-loading');
    await settle();
    expect(sent).toEqual([]); // created but still loading
    win.webContents.emit('did-finish-load');
    await settle();
    expect(sent).toEqual([{ type: 'open', path: file, content: '{"early":1}' }]);
    expect(opener.waiting).toBeNull();
  });

  it('opens the file named on the command line at start after the page loads', async () => {
    const file = graphFile('argv.layerlab.json');
    const { sent, opener, settle } = setup({ argv: ['/opt/LayerLab/layerlab', '--no-sandbox', file] });
    const win = new FakeWindow();
    followWindow(win, opener);
    win.load();
    await settle();
    expect(sent).toEqual([{ type: 'open', path: file, content: '{"format":"layerlab-graph"}' }]);
  });

  it("sends a second instance's file straight to the loaded page and brings the window forward", async () => {
    const file = graphFile('second.layerlab.json');
    const { sent, app, opener, shown, settle } = setup();
    const win = new FakeWindow();
    followWindow(win, opener);
    win.load();
    app.emit('second-instance', {}, ['/opt/LayerLab/layerlab', '--some-switch', path.basename(file)], path.dirname(file));
    await settle();
    expect(sent).toEqual([{ type: 'open', path: file, content: '{"format":"layerlab-graph"}' }]);
    expect(shown()).toBe(1);
    // A second start without a file only brings the window forward.
    app.emit('second-instance', {}, ['/opt/LayerLab/layerlab'], '/');
    await settle();
    expect(sent).toHaveLength(1);
    expect(shown()).toBe(2);
  });

  it('holds files while the page reloads or after the window closed, until a page has loaded again', async () => {
    const a = graphFile('a.layerlab.json', '{"a":1}');
    const { sent, app, opener, settle } = setup();
    const win = new FakeWindow();
    followWindow(win, opener);
    win.load();
    win.webContents.emit('did-start-loading'); // reload
    app.emit('open-file', { preventDefault() {} }, a);
    await settle();
    expect(sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    await settle();
    expect(sent.map((c) => c.type === 'open' && c.path)).toEqual([a]);

    win.emit('closed');
    app.emit('open-file', { preventDefault() {} }, a);
    await settle();
    expect(sent).toHaveLength(1);
    const next = new FakeWindow();
    followWindow(next, opener);
    next.load();
    await settle();
    expect(sent).toHaveLength(2);
  });

  it('shows why a file cannot be opened and sends nothing', async () => {
    const { sent, errors, app, opener, settle } = setup();
    const win = new FakeWindow();
    followWindow(win, opener);
    win.load();
    app.emit('open-file', { preventDefault() {} }, '/nowhere/gone.layerlab.json');
    await settle();
    expect(sent).toEqual([]);
    expect(errors).toEqual(['Could not open the graph: /nowhere/gone.layerlab.json: cannot open: the file does not exist']);
  });

  it('opens the template named by --template ID (or --template=ID) at start and from a second instance', async () => {
    const { sent, app, opener, settle } = setup({ argv: ['/opt/LayerLab/layerlab', '--no-sandbox', '--template', 'snail-fewshot'] });
    expect(opener.waitingTemplate).toBe('snail-fewshot');
    const win = new FakeWindow();
    followWindow(win, opener);
    win.load();
    await settle();
    expect(sent).toEqual([{ type: 'openTemplate', id: 'snail-fewshot' }]);
    app.emit('second-instance', {}, ['/opt/LayerLab/layerlab', '--template=gpt-3'], '/');
    await settle();
    expect(sent).toEqual([{ type: 'openTemplate', id: 'snail-fewshot' }, { type: 'openTemplate', id: 'gpt-3' }]);
  });

  it('a second instance registers nothing and reports that it should quit', () => {
    const { app, primary } = setup({ primary: false, argv: ['/x/layerlab', '/a.layerlab.json'] });
    expect(primary).toBe(false);
    expect(app.count('open-file') + app.count('second-instance')).toBe(0);
  });
});
