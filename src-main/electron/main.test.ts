// The desktop shell's own wiring (main.ts), with Electron faked: the window's security settings, the session's
// Content-Security-Policy and permission refusals, the navigation guards and the api's sender check are attached,
// and quitting stops the services once. Electron itself cannot run here; these stand-ins record what main.ts asks
// of it, so removing any of those settings turns a test red.
import '../../shared/i18n/all-languages'; // Korean on the shared i18n instance, as the CLI and the Electron menu have it
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const listeners = (): { on: (name: string, l: Listener) => void; emit: (name: string, ...a: unknown[]) => unknown[]; has: (name: string) => boolean } => {
    const map = new Map<string, Listener[]>();
    return {
      on: (name, l) => void map.set(name, [...(map.get(name) ?? []), l]),
      emit: (name, ...a) => (map.get(name) ?? []).map((l) => l(...a)),
      has: (name) => (map.get(name)?.length ?? 0) > 0,
    };
  };
  const appEvents = listeners();
  const windows: { options: Record<string, unknown>; loaded: string[]; contents: ReturnType<typeof listeners> & { send: Listener } }[] = [];
  const state = {
    appEvents,
    windows,
    sandboxEnabled: 0,
    quits: 0,
    apiHandler: null as Listener | null,
    headersHandler: null as Listener | null,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    disposed: 0,
    /** Every application menu main installed, newest last (Menu.buildFromTemplate returns the template). */
    menus: [] as { label?: string; submenu?: { label?: string }[] }[][],
  };
  class BrowserWindow {
    static getAllWindows = () => windows;
    webContents: ReturnType<typeof listeners> & { send: Listener; isDestroyed: () => boolean; setWindowOpenHandler: Listener };
    private readonly events = listeners();
    private readonly record: (typeof windows)[number];
    constructor(options: Record<string, unknown>) {
      const contents = listeners();
      this.webContents = { ...contents, send: () => undefined, isDestroyed: () => false, setWindowOpenHandler: () => undefined };
      this.record = { options, loaded: [], contents: this.webContents };
      windows.push(this.record);
    }
    once(name: string, l: Listener) {
      this.events.on(name, l);
    }
    on(name: string, l: Listener) {
      this.events.on(name, l);
    }
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
  }
  const electron = {
    app: {
      enableSandbox: () => void state.sandboxEnabled++,
      isPackaged: false,
      getVersion: () => '0.0.0-test',
      getLocale: () => 'ko-KR',
      isReady: () => true,
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      on: appEvents.on,
      quit: () => void state.quits++,
      getPath: () => os.tmpdir(),
    },
    BrowserWindow,
    dialog: {
      showErrorBox: () => undefined,
      showMessageBox: async () => ({ response: 0 }),
      showMessageBoxSync: () => 1,
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    ipcMain: {
      handle: (channel: string, l: Listener) => {
        if (channel === 'api') state.apiHandler = l;
      },
      removeHandler: () => undefined,
    },
    Menu: { setApplicationMenu: (m: (typeof state.menus)[number]) => void state.menus.push(m), buildFromTemplate: (t: unknown) => t },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (l: Listener) => (state.headersHandler = l) },
        setPermissionRequestHandler: (l: Listener) => (state.permissionRequest = l),
        setPermissionCheckHandler: (l: Listener) => (state.permissionCheck = l),
      },
    },
    shell: { openExternal: async () => undefined, openPath: async () => '' },
    utilityProcess: { fork: () => { throw new Error('no worker starts in this test'); } },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));
vi.mock('../host-deps', () => ({
  createServiceDeps: () => ({
    deps: {},
    training: { onEvent: () => () => undefined },
    datasetFiles: { onProgress: () => () => undefined },
    dispose: async () => void fake.state.disposed++,
  }),
}));
// The real handlers over the deps main passes (the faked services implement nothing): setLanguage reaches the menu.
vi.mock('../api-handlers', async (original) => {
  const real = await original<typeof import('../api-handlers')>();
  return { ...real, createApiHandlers: (deps: Parameters<typeof real.createApiHandlers>[0]) => real.createApiHandlers(deps) };
});
vi.mock('./first-run', () => ({ runFirstRunNotice: async () => undefined }));

let dataDir = '';
const savedDataDir = process.env.LAYERLAB_HOME;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'layerlab-main-'));
  process.env.LAYERLAB_HOME = dataDir;
  await import('./main');
  await vi.waitFor(() => expect(fake.state.windows.length).toBe(1));
});

afterAll(async () => {
  if (savedDataDir === undefined) delete process.env.LAYERLAB_HOME;
  else process.env.LAYERLAB_HOME = savedDataDir;
  await rm(dataDir, { recursive: true, force: true });
});

describe('the desktop window and session', () => {
  it('turns on the sandbox for every renderer before any window exists', () => {
    expect(fake.state.sandboxEnabled).toBe(1);
  });

  it('creates the window isolated: sandbox and contextIsolation on, nodeIntegration and webviews off, webSecurity on, the preload bundle only', () => {
    const prefs = fake.state.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.nodeIntegrationInWorker ?? false).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames ?? false).toBe(false);
    expect(path.basename(String(prefs.preload))).toBe('index.js');
    expect(path.basename(path.dirname(String(prefs.preload)))).toBe('preload');
  });

  it('loads only the local renderer page (no remote content)', () => {
    const [url] = fake.state.windows[0].loaded;
    expect(url).toMatch(/^file:\/\/.*\/renderer\/index\.html$/);
  });

  it('adds the Content-Security-Policy to every response and refuses every permission request and check', () => {
    let headers: Record<string, string[]> = {};
    fake.state.headersHandler!({ responseHeaders: { 'X-Kept': ['yes'] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['X-Kept']).toEqual(['yes']);
    const [csp] = headers['Content-Security-Policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      let granted: boolean | null = null;
      fake.state.permissionRequest!({}, permission, (g: boolean) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(fake.state.permissionCheck!({}, permission)).toBe(false);
    }
  });

  it('guards every web contents: navigation away from the app and window.open are refused', () => {
    expect(fake.state.appEvents.has('web-contents-created')).toBe(true);
    const handlers = new Map<string, Listener>();
    let windowOpen: Listener | null = null;
    const contents = { on: (name: string, l: Listener) => handlers.set(name, l), setWindowOpenHandler: (h: Listener) => (windowOpen = h) };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    fake.state.appEvents.emit('web-contents-created', {}, contents);
    let prevented = false;
    handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    prevented = false;
    handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, fake.state.windows[0].loaded[0]);
    expect(prevented).toBe(false);
    expect(windowOpen!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let webviewStopped = false;
    handlers.get('will-attach-webview')!({ preventDefault: () => (webviewStopped = true) });
    expect(webviewStopped).toBe(true);
  });

  it('answers api requests only from the app page', async () => {
    const handler = fake.state.apiHandler!;
    const refused = (await handler({ senderFrame: { url: 'https://evil.example/' } }, 'getAppInfo', {})) as { ok: boolean; error?: { message: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error!.message).toContain('not accepted');
    const fromApp = (await handler({ senderFrame: { url: fake.state.windows[0].loaded[0] } }, 'getAppInfo', {})) as { ok: boolean; error?: { message: string } };
    // The faked handlers implement nothing: the request got past the sender check to the dispatcher.
    expect(fromApp.error?.message ?? '').not.toContain('not accepted');
  });

  it('builds the menu in the system language first, then follows the language the renderer reports, refusing others', async () => {
    const handler = fake.state.apiHandler!;
    const appUrl = fake.state.windows[0].loaded[0];
    const menuLabels = () => fake.state.menus.at(-1)!.map((m) => m.label);
    const fileItems = () => (fake.state.menus.at(-1)![0].submenu ?? []).map((i) => i.label).filter(Boolean);
    expect(menuLabels()).toEqual(['파일', '편집', '보기', '창', '도움말']); // app.getLocale() is 'ko-KR' here
    const ask = (payload: unknown, url = appUrl) => handler({ senderFrame: { url } }, 'setLanguage', payload) as Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    expect(await ask({ lang: 'en' })).toMatchObject({ ok: true });
    expect(menuLabels()).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(fileItems()).toEqual(['New', 'Open…', 'Save', 'Save As…', 'Quit']);
    expect(await ask({ lang: 'ko' })).toMatchObject({ ok: true });
    expect(menuLabels()).toEqual(['파일', '편집', '보기', '창', '도움말']);
    expect(fileItems()).toEqual(['새로 만들기', '열기…', '저장', '다른 이름으로 저장…', '끝내기']);
    const installed = fake.state.menus.length;
    for (const bad of [{ lang: 'fr' }, { lang: 'KO' }, { lang: ['ko'] }, {}, 'ko', null]) {
      const res = await ask(bad);
      expect(res.ok, JSON.stringify(bad)).toBe(false);
      expect(res.error!.code).toBe('invalid');
    }
    expect((await ask({ lang: 'en' }, 'https://evil.example/')).ok).toBe(false); // only the app page may ask
    expect(fake.state.menus.length).toBe(installed);
    expect(menuLabels()).toEqual(['파일', '편집', '보기', '창', '도움말']);
  });

  it('quitting first stops the services (runs are saved), once, then quits', async () => {
    const quitsBefore = fake.state.quits;
    let prevented = 0;
    fake.state.appEvents.emit('before-quit', { preventDefault: () => void prevented++ });
    await vi.waitFor(() => expect(fake.state.quits).toBe(quitsBefore + 1));
    expect(prevented).toBe(1);
    expect(fake.state.disposed).toBe(1);
    // The quit that follows is not held up again.
    fake.state.appEvents.emit('before-quit', { preventDefault: () => void prevented++ });
    expect(prevented).toBe(1);
    expect(fake.state.disposed).toBe(1);
  });
});
