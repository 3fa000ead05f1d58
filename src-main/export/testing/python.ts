// Finds a Python with PyTorch for tests (LAYERLAB_PYTHON, python3 on PATH, Debian's /usr/bin/python3) and runs
// exported scripts. Tests skip with a printed reason when none has torch.
import { spawn, spawnSync } from 'node:child_process';

let cached: string | null | undefined;

/**
 * The interpreter behind `python` (sys.executable) when it has `module` installed, else null. It looks the module
 * up without importing it: importing torch costs seconds of CPU, and a dozen test files ask. A module that is
 * installed but broken then fails the tests that use it, with Python's error, rather than skipping them.
 * The resolved path, not the name: a `python3` on PATH can be a version manager's shell shim (pyenv) that costs
 * a second of start-up under load on every one of the many runs a test file makes.
 */
function interpreterWith(python: string, module: string | null): string | null {
  const lookup = module ? `import importlib.util; sys.exit(0 if importlib.util.find_spec(${JSON.stringify(module)}) else 1)` : 'pass';
  const r = spawnSync(python, ['-c', `import sys; print(sys.executable); ${lookup}`], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) return null;
  return r.stdout.trim() || python;
}

const CANDIDATES = () => [process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);

/** The first candidate's interpreter that has `module` (any module when null), or null. */
export function findPython(module: string | null): string | null {
  for (const p of CANDIDATES()) {
    const found = interpreterWith(p, module);
    if (found) return found;
  }
  return null;
}

/** A python executable that can `import torch`, or null. */
export function torchPython(): string | null {
  if (cached === undefined) cached = findPython('torch');
  return cached;
}

/** Any python3 (for syntax checks of the Keras script). */
export function anyPython(): string | null {
  return findPython(null);
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

/** One exported script to run: `python script args...` in `cwd`. */
export interface ScriptCase {
  name: string;
  script: string;
  cwd: string;
  args?: string[];
}

/**
 * Runs each case as `__main__` (runpy) in ONE Python process, in order, with its own working directory, argv,
 * stdout and stderr, and reports each as its own `python script` run would be: the exit status (SystemExit's
 * code; 1 after an uncaught exception, whose traceback goes to its stderr), the output and the RESULT line.
 * Importing torch costs seconds of CPU per process; a test file that runs many small scripts pays it once.
 * The scripts seed torch and numpy themselves, so one run does not change the next one's numbers.
 */
export function runScriptsInOnePython(python: string, cases: ScriptCase[], opts: { timeoutMs?: number } = {}): Promise<Map<string, PythonRun>> {
  return new Promise((resolve, reject) => {
    const spec = cases.map((c) => ({ name: c.name, script: c.script, cwd: c.cwd, args: c.args ?? [] }));
    const child = spawn(python, ['-c', RUN_SCRIPTS_PY, JSON.stringify(spec)], {
      env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const runs = new Map<string, PythonRun>();
      for (const line of stdout.split('\n')) {
        if (!line.startsWith(CASE_PREFIX)) continue;
        const r = JSON.parse(line.slice(CASE_PREFIX.length)) as { name: string; status: number; stdout: string; stderr: string; ms: number };
        const resultLine = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
        runs.set(r.name, { ...r, result: resultLine ? (JSON.parse(resultLine.slice(7)) as Record<string, unknown>) : null });
      }
      // A case the process never reported (it died, or was killed at the timeout) fails with the process's output.
      for (const c of cases) {
        if (!runs.has(c.name)) runs.set(c.name, { status: status ?? null, stdout: '', stderr: `the Python process ended (${signal ?? status}) before ${c.name} finished:\n${stderr}`, ms: 0, result: null });
      }
      resolve(runs);
    });
  });
}

const CASE_PREFIX = 'LAYERLAB_CASE ';

const RUN_SCRIPTS_PY = `
import contextlib, io, json, os, runpy, sys, time, traceback
real_stdout = sys.stdout
for case in json.loads(sys.argv[1]):
    out, err = io.StringIO(), io.StringIO()
    status = 0
    started = time.time()
    saved_argv, saved_path = sys.argv, list(sys.path)
    os.chdir(case["cwd"])
    sys.argv = [case["script"], *case["args"]]
    sys.path.insert(0, os.path.dirname(os.path.abspath(case["script"])))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_path(case["script"], run_name="__main__")
        except SystemExit as e:
            if e.code is None:
                status = 0
            elif isinstance(e.code, int):
                status = e.code
            else:
                print(e.code, file=sys.stderr)
                status = 1
        except BaseException:
            traceback.print_exc()
            status = 1
    sys.argv, sys.path[:] = saved_argv, saved_path
    report = {"name": case["name"], "status": status, "stdout": out.getvalue(), "stderr": err.getvalue(), "ms": round((time.time() - started) * 1000)}
    print("${CASE_PREFIX}" + json.dumps(report), file=real_stdout, flush=True)
`;
