// Finds a Python with PyTorch for tests (LAYERLAB_PYTHON, python3 on PATH, Debian's /usr/bin/python3) and runs
// exported scripts. Tests skip with a printed reason when none has torch.
import { spawnSync } from 'node:child_process';

let cached: string | null | undefined;

function hasModule(python: string, module: string): boolean {
  const r = spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

/** A python executable that can `import torch`, or null. */
export function torchPython(): string | null {
  if (cached !== undefined) return cached;
  const candidates = [process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  cached = candidates.find((p) => hasModule(p, 'torch')) ?? null;
  return cached;
}

/** Any python3 (for syntax checks of the Keras script). */
export function anyPython(): string | null {
  const candidates = [process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  return candidates.find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0) ?? null;
}

export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The parsed `RESULT {...}` line of an exported script, when printed. */
  result: Record<string, unknown> | null;
}

export function runPython(python: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): PythonRun {
  const started = Date.now();
  const r = spawnSync(python, args, {
    cwd: opts.cwd,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ms: Date.now() - started,
    result: line ? (JSON.parse(line.slice(7)) as Record<string, unknown>) : null,
  };
}
