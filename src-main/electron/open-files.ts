// Graph files the operating system hands to the app (file association, "Open with", a path on the command
// line): in argv at start, in a second instance's argv (Windows, Linux), or as macOS 'open-file' events, which
// can arrive before the app is ready. Every one ends in the renderer as a menu 'open' command, the same one
// File > Open sends, so the unsaved-changes question is asked the same way. `--template ID` on a command line
// opens a built-in template the same way (an 'openTemplate' command). Written against small interfaces
// so the wiring is tested with fakes (no Electron binary here).
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand } from '../../shared/api';
import { GRAPH_FILE_EXTENSION } from '../../shared/graph/types';

type PathApi = Pick<typeof nodePath, 'resolve' | 'isAbsolute'>;

/**
 * The first .layerlab.json named in a command line, as an absolute path (relative ones resolved against `cwd`);
 * null when there is none. Skips argv[0] (the executable), flags ('--inspect', '--foo=x.layerlab.json', the ones
 * Chromium adds to a second instance's argv), the app path of a development start and every other argument.
 * Linux desktop files pass file:// URLs (%U); those become paths.
 */
export function graphPathFromArgv(argv: readonly string[], cwd: string, pathApi: PathApi = nodePath): string | null {
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg === '' || arg.startsWith('-')) continue;
    let candidate = arg;
    if (/^file:\/\//i.test(arg)) {
      try {
        candidate = fileURLToPath(arg);
      } catch {
        continue; // a file:// URL of another host
      }
    }
    if (!candidate.toLowerCase().endsWith(GRAPH_FILE_EXTENSION)) continue;
    return pathApi.isAbsolute(candidate) ? candidate : pathApi.resolve(cwd, candidate);
  }
  return null;
}

/**
 * The template id named by `--template ID` or `--template=ID` in a command line (the app opens that
 * template instead of the default one), or null. The renderer checks the id and lists the valid ones.
 */
export function templateIdFromArgv(argv: readonly string[]): string | null {
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (typeof arg !== 'string') continue;
    if (arg.startsWith('--template=')) return arg.slice('--template='.length) || null;
    if (arg === '--template') {
      const next = argv[i + 1];
      return typeof next === 'string' && next !== '' && !next.startsWith('-') ? next : null;
    }
  }
  return null;
}

export interface FileOpenerDeps {
  /** Reads the file (and allows saving back to it); rejects with a message naming the file. */
  read(filePath: string): Promise<{ path: string; content: string }>;
  /** Sends a command to the window's page. */
  send(command: MenuCommand): void;
  showError(title: string, err: unknown): void;
}

/**
 * Holds a requested file until the window's page has loaded, then hands it over. Only the latest request is
 * kept: the app shows one graph at a time, so an older request would be replaced at once anyway.
 */
type Request = { file: string } | { template: string };

export class FileOpener {
  private pending: Request | null = null;
  private ready = false;

  constructor(private readonly deps: FileOpenerDeps) {}

  open(filePath: string): void {
    this.request({ file: filePath });
  }

  /** Opens a built-in template by id (`--template ID`), once the page can take it. */
  openTemplate(id: string): void {
    this.request({ template: id });
  }

  private request(r: Request): void {
    if (this.ready) void this.deliver(r);
    else this.pending = r;
  }

  /** The page finished loading (its preload buffers menu commands until the app subscribes). */
  pageReady(): void {
    this.ready = true;
    const r = this.pending;
    this.pending = null;
    if (r) void this.deliver(r);
  }

  /** The page is reloading or the window closed: hold requests until the next pageReady. */
  pageGone(): void {
    this.ready = false;
  }

  /** The file waiting for the page, if any. */
  get waiting(): string | null {
    return this.pending && 'file' in this.pending ? this.pending.file : null;
  }

  /** The template id waiting for the page, if any. */
  get waitingTemplate(): string | null {
    return this.pending && 'template' in this.pending ? this.pending.template : null;
  }

  private async deliver(r: Request): Promise<void> {
    if ('template' in r) {
      this.deps.send({ type: 'openTemplate', id: r.template });
      return;
    }
    const filePath = r.file;
    let file: { path: string; content: string };
    try {
      file = await this.deps.read(filePath);
    } catch (err) {
      this.deps.showError('Could not open the graph', err);
      return;
    }
    this.deps.send({ type: 'open', path: file.path, content: file.content });
  }
}

/** The parts of BrowserWindow the opener follows. */
export interface WindowLike {
  webContents: { on(event: 'did-finish-load' | 'did-start-loading', listener: () => void): unknown };
  on(event: 'closed', listener: () => void): unknown;
}

/** Lets the opener know when `win`'s page can take a file. Call right after creating the window. */
export function followWindow(win: WindowLike, opener: FileOpener): void {
  win.webContents.on('did-start-loading', () => opener.pageGone());
  win.webContents.on('did-finish-load', () => opener.pageReady());
  win.on('closed', () => opener.pageGone());
}

/** The parts of Electron's app used here. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  on(event: 'open-file', listener: (event: { preventDefault(): void }, filePath: string) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
}

export interface AppFileOpensOptions {
  /** This process's command line and working directory. */
  argv: readonly string[];
  cwd: string;
  /** Bring a window to the front (creating one when none is open and the app is ready). */
  showWindow(): void;
}

/**
 * Takes the single-instance lock and routes every way a file can arrive to `opener`. Returns false when another
 * instance holds the lock: it has been sent this command line (as 'second-instance') and this process should quit.
 * Call synchronously at start-up, so macOS 'open-file' events sent during launch are not missed.
 */
export function wireAppFileOpens(app: AppLike, opener: FileOpener, opts: AppFileOpensOptions): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  const atStart = graphPathFromArgv(opts.argv, opts.cwd);
  const templateAtStart = templateIdFromArgv(opts.argv);
  if (atStart) opener.open(atStart);
  else if (templateAtStart) opener.openTemplate(templateAtStart);
  app.on('open-file', (event, filePath) => {
    event.preventDefault(); // tells macOS the app handles it
    opener.open(filePath);
    opts.showWindow();
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = graphPathFromArgv(argv, workingDirectory);
    const template = templateIdFromArgv(argv);
    if (file) opener.open(file);
    else if (template) opener.openTemplate(template);
    opts.showWindow();
  });
  return true;
}
