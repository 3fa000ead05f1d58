// Electron main process: lifecycle, the window, security settings, and wiring of the shared api handlers to
// IPC. Thin on purpose: the api lives in src-main/api-handlers.ts, training in src-main/training.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import path from 'node:path';
import { createApiHandlers } from '../api-handlers';
import { probeBackend } from '../engine/backend';
import { resolveDataDir } from '../files/data-dir';
import { createServiceDeps, type ServiceDeps } from '../host-deps';
import { rendererCsp } from '../web/csp';
import { rendererLocation } from './app-urls';
import { hardenContents } from './harden';
import { confirmDatasetRead, createElectronFiles, pickExportFolder } from './dialogs';
import { runFirstRunNotice } from './first-run';
import { guardUnsavedClose, UNSAVED_CLOSE_DIALOG } from './close-guard';
import { bindApiToIpc, forwardTrainEvents, sendEvent } from './ipc';
import { buildMenuTemplate, langFromLocale } from './menu';
import type { Lang } from '../../shared/i18n/i18n';
import { FileOpener, followWindow, wireAppFileOpens } from './open-files';
import { utilityJobWorkerFactory, utilityWorkerFactory } from './utility-worker';

// Built layout (electron-vite): out/main/index.js (this file), out/main/worker.js, out/main/jobs.js, out/preload/index.js, out/renderer/.
const location = rendererLocation({
  devUrl: process.env.ELECTRON_RENDERER_URL,
  rendererIndex: path.join(__dirname, '../renderer/index.html'),
  packaged: app.isPackaged,
});

let mainWindow: BrowserWindow | null = null;
let services: ServiceDeps | null = null;

const files = createElectronFiles(() => mainWindow);

app.enableSandbox();

function showError(title: string, err: unknown): void {
  dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
}

/** Files from the OS (argv, second instance, macOS open-file) wait here until the window's page has loaded. */
const opener = new FileOpener({
  read: (filePath) => files.readGranted(filePath),
  send: (command) => mainWindow && sendEvent(mainWindow.webContents, 'menu', command),
  showError,
});

function showWindow(): void {
  if (!app.isReady()) return; // the window is created on 'ready' and takes the file then
  if (!mainWindow) {
    createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function openFromDialog(): Promise<void> {
  try {
    const result = await files.open();
    if (!result.canceled && mainWindow) sendEvent(mainWindow.webContents, 'menu', { type: 'open', path: result.path, content: result.content });
  } catch (err) {
    showError('Could not open the graph', err);
  }
}

function lockDownSession(): void {
  const csp = rendererCsp({ dev: location.dev });
  // Covers http (dev server); for the file:// page the renderer's index.html carries the same policy in a meta tag.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'LayerLab',
    backgroundColor: '#111318',
    icon: path.join(__dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  const stopTrain = forwardTrainEvents(services!.training, win.webContents);
  const stopDownloads = services!.datasetFiles.onProgress((p) => sendEvent(win.webContents, 'datasetDownload', p));
  const stopForwarding = () => {
    stopTrain();
    stopDownloads();
  };
  win.once('ready-to-show', () => win.show());
  followWindow(win, opener);
  guardUnsavedClose(win.webContents, () => dialog.showMessageBoxSync(win, UNSAVED_CLOSE_DIALOG) === 0);
  win.on('closed', () => {
    stopForwarding();
    mainWindow = null;
  });
  void win.loadURL(location.url);
}

// Synchronously at start: macOS sends 'open-file' for the file the app was launched with before 'ready'.
if (!wireAppFileOpens(app, opener, { argv: process.argv, cwd: process.cwd(), showWindow })) {
  app.quit(); // the running instance got our command line as 'second-instance'
} else {
  app.whenReady().then(() => {
    lockDownSession();
    hardenContents(app, shell, location.isAppUrl);
    const dataDir = resolveDataDir();
    services = createServiceDeps({
      host: 'electron',
      version: app.getVersion(),
      dataDir,
      spawnWorker: utilityWorkerFactory(path.join(__dirname, 'worker.js')),
      spawnJobWorker: utilityJobWorkerFactory(path.join(__dirname, 'jobs.js')),
      pickExportFolder: (name) => pickExportFolder(() => mainWindow, name),
      confirmDatasetRead: (target) => confirmDatasetRead(() => mainWindow, target),
      // shell.openPath answers '' on success, else an error text.
      openFolder: async (folder) => (await shell.openPath(folder)) === '',
    });
    // The menu starts in the system's language and follows the renderer's from then on (api setLanguage).
    const installMenu = (lang: Lang) => {
      const menu = buildMenuTemplate(
        {
          send: (command) => mainWindow && sendEvent(mainWindow.webContents, 'menu', command),
          open: () => void openFromDialog(),
          quit: () => app.quit(),
        },
        { isMac: process.platform === 'darwin', isDev: location.dev, lang },
      );
      Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
    };
    let menuLang = langFromLocale(app.getLocale());
    installMenu(menuLang);
    const language = {
      set(lang: Lang) {
        if (lang === menuLang) return;
        menuLang = lang;
        installMenu(lang);
      },
    };
    const handlers = createApiHandlers({ ...services.deps, files, language });
    bindApiToIpc(ipcMain, handlers, { isTrustedUrl: location.isAppUrl });
    createWindow();
    // Once per data folder, when native TensorFlow is missing: say how much faster it is and how to get it.
    void runFirstRunNotice(dataDir, probeBackend(), (n) => dialog.showMessageBox({ type: 'info', buttons: ['OK'], ...n })).catch((err) => console.warn('first-run notice:', err));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  }, (err) => {
    showError('LayerLab could not start', err);
    app.quit();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop running trainings (their runs are saved) before the process ends.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || !services) return;
    event.preventDefault();
    disposed = true;
    void services.dispose().finally(() => app.quit());
  });
}
