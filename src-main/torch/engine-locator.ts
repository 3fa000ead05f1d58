// Which Python runs the PyTorch engine, and whether it can: the path saved in the settings (<dataDir>/settings.json),
// else LAYERLAB_PYTHON, else the first of python3 and /usr/bin/python3 that imports torch. The probe (probe.ts's
// PROBE_PY: torch version, the BLAS really loaded, threads, CUDA devices) runs in a child process, once per host
// start; the answer is cached until the path changes. A failed probe is retried when a run asks for torch, so
// installing torch while the app runs needs no restart.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PytorchEngineInfo } from '../../shared/api';
import { oneLineTextProblem } from '../../shared/graph/text';
import { writeFileAtomic } from '../files/atomic-write';
import { describeBlas, describeTorch, PROBE_PY, type TorchProbe } from './probe';

export const SETTINGS_FILE = 'settings.json';
const PROBE_TIMEOUT_MS = 180_000;

export const INSTALL_HINT =
  'Install PyTorch for that Python (Debian/Ubuntu: apt-get install python3-torch libopenblas0-pthread; elsewhere: pip install torch), ' +
  'or choose another Python in the training settings (or set LAYERLAB_PYTHON).';

/** Why `p` cannot be a Python path setting, or null: an absolute path or a bare command name, one line. */
export function pythonPathProblem(p: string): string | null {
  if (!p.trim()) return 'the Python path is empty';
  if (p.length > 4096) return 'the Python path is longer than 4096 characters';
  const invisible = oneLineTextProblem(p);
  if (invisible) return `the Python path ${invisible}`;
  if (!path.isAbsolute(p) && !/^[A-Za-z0-9._-]+$/.test(p)) return `'${p}' is neither an absolute path nor a command name like python3`;
  return null;
}

type ProbeFn = (python: string) => Promise<TorchProbe>;

/** Runs PROBE_PY in `python` without blocking the host's event loop. Rejects with Python's own message. */
export function probeTorchAsync(python: string, env: NodeJS.ProcessEnv = process.env): Promise<TorchProbe> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', PROBE_PY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(e.code === 'ENOENT' ? 'not found' : e.message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        try {
          return resolve({ python, ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<TorchProbe, 'python'>) });
        } catch {
          return reject(new Error(`the probe printed no result: ${out.slice(-200)}`));
        }
      }
      const last = err.trim().split('\n').pop() ?? '';
      if (/No module named '?torch'?/.test(last)) return reject(new Error("cannot import torch (No module named 'torch')"));
      reject(new Error(signal ? `the probe was killed (${signal}) after ${PROBE_TIMEOUT_MS / 1000} s` : last || `exit ${code}`));
    });
  });
}

interface Settings {
  pythonPath?: string;
}

export interface TorchEngineLocatorOptions {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** Tests replace the real probe. */
  probe?: ProbeFn;
}

export class TorchEngineLocator {
  private cached: Promise<PytorchEngineInfo> | null = null;
  private readonly env: NodeJS.ProcessEnv;
  private readonly probe: ProbeFn;

  constructor(private readonly opts: TorchEngineLocatorOptions) {
    this.env = opts.env ?? process.env;
    this.probe = opts.probe ?? ((python) => probeTorchAsync(python, this.env));
  }

  private get settingsFile(): string {
    return path.join(this.opts.dataDir, SETTINGS_FILE);
  }

  private async readSettings(): Promise<Settings> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.settingsFile, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Settings) : {};
    } catch {
      return {}; // missing or unreadable: defaults (a broken file is replaced on the next save)
    }
  }

  /** The cached answer (probing on first use). */
  info(): Promise<PytorchEngineInfo> {
    this.cached ??= this.locate();
    return this.cached;
  }

  /** Saves the path (null = search) and probes again. */
  async setPython(python: string | null): Promise<PytorchEngineInfo> {
    if (python !== null) {
      const problem = pythonPathProblem(python);
      if (problem) throw new Error(problem);
    }
    const settings = await this.readSettings();
    if (python === null) delete settings.pythonPath;
    else settings.pythonPath = python;
    await fs.mkdir(this.opts.dataDir, { recursive: true });
    await writeFileAtomic(this.settingsFile, JSON.stringify(settings, null, 2));
    this.cached = this.locate();
    return this.cached;
  }

  /** What a run uses: the cached Python, probed again first when the last probe found none. */
  async forRun(): Promise<{ python: string } | { problem: string }> {
    let info = await this.info();
    if (!info.available) {
      this.cached = this.locate();
      info = await this.cached;
    }
    return info.available && info.python ? { python: info.python } : { problem: `PyTorch is not available: ${info.reason ?? info.summary}` };
  }

  private async locate(): Promise<PytorchEngineInfo> {
    const setting = (await this.readSettings()).pythonPath ?? null;
    const fromEnv = this.env.LAYERLAB_PYTHON?.trim() || null;
    const source: PytorchEngineInfo['source'] = setting ? 'settings' : fromEnv ? 'LAYERLAB_PYTHON' : 'search';
    const candidates = setting ? [setting] : fromEnv ? [fromEnv] : [...new Set(process.platform === 'win32' ? ['python', 'py'] : ['python3', '/usr/bin/python3'])];
    const tried: string[] = [];
    for (const python of candidates) {
      try {
        const p = await this.probe(python);
        const warnings = p.blas === 'reference' ? [`torch uses ${describeBlas(p)}`] : [];
        return { available: true, python, source, pythonSetting: setting, torch: p.torch, blas: describeBlas(p), cudaDevices: p.cudaDevices, summary: describeTorch(p), warnings };
      } catch (err) {
        tried.push(`${python}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const where = source === 'settings' ? 'The Python in the settings' : source === 'LAYERLAB_PYTHON' ? 'LAYERLAB_PYTHON' : 'No Python on this computer';
    const reason = `${where} cannot run PyTorch (${tried.join('; ')}). ${INSTALL_HINT}`;
    return { available: false, python: null, source, pythonSetting: setting, cudaDevices: [], summary: `tried ${tried.join('; ')}`, reason, warnings: [] };
  }
}
