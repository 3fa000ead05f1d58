// Which Python the PyTorch engine uses (settings, then LAYERLAB_PYTHON, then a search) and when it probes again;
// the probe itself is replaced by a stand-in that knows which interpreters "have torch".
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TorchProbe } from './probe';
import { pythonPathProblem, probeTorchAsync, SETTINGS_FILE, TorchEngineLocator } from './engine-locator';
import { torchPython } from '../export/testing/python';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'layerlab-locator-'));
});
afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

const probeResult = (python: string): TorchProbe => ({
  python, torch: '2.1.0', blas: 'openblas', blasLibraries: ['/lib/libopenblas.so'], openblasConfig: 'OpenBLAS 0.3.21', openblasThreads: 1,
  torchThreads: 2, buildBlas: [], cudaDevices: [],
});

/** A probe that succeeds for the interpreters in `withTorch` and counts its calls. */
function fakeProbe(withTorch: string[]) {
  const calls: string[] = [];
  const probe = async (python: string) => {
    calls.push(python);
    if (!withTorch.includes(python)) throw new Error("cannot import torch (No module named 'torch')");
    return probeResult(python);
  };
  return { probe, calls, withTorch };
}

describe('TorchEngineLocator', () => {
  it('searches python3 then /usr/bin/python3, probes once and caches', async () => {
    const f = fakeProbe(['/usr/bin/python3']);
    const locator = new TorchEngineLocator({ dataDir, env: {}, probe: f.probe });
    const info = await locator.info();
    expect(info).toMatchObject({ available: true, python: '/usr/bin/python3', source: 'search', pythonSetting: null, torch: '2.1.0' });
    expect(info.blas).toMatch(/^OpenBLAS/);
    await locator.info();
    expect(f.calls).toEqual(['python3', '/usr/bin/python3']);
  });

  it('LAYERLAB_PYTHON, then the saved setting, take precedence; null searches again', async () => {
    const f = fakeProbe(['/env/python', '/opt/py/bin/python3', 'python3']);
    const locator = new TorchEngineLocator({ dataDir, env: { LAYERLAB_PYTHON: '/env/python' }, probe: f.probe });
    expect(await locator.info()).toMatchObject({ python: '/env/python', source: 'LAYERLAB_PYTHON' });
    expect(await locator.setPython('/opt/py/bin/python3')).toMatchObject({ python: '/opt/py/bin/python3', source: 'settings', pythonSetting: '/opt/py/bin/python3' });
    expect(JSON.parse(await fs.readFile(path.join(dataDir, SETTINGS_FILE), 'utf8'))).toEqual({ pythonPath: '/opt/py/bin/python3' });
    // A new host start reads the setting back.
    expect(await new TorchEngineLocator({ dataDir, env: {}, probe: f.probe }).info()).toMatchObject({ source: 'settings', python: '/opt/py/bin/python3' });
    expect(await locator.setPython(null)).toMatchObject({ source: 'LAYERLAB_PYTHON', pythonSetting: null });
  });

  it('says why PyTorch is not offered and how to get it; a run probes again (torch installed meanwhile)', async () => {
    const f = fakeProbe([]);
    const locator = new TorchEngineLocator({ dataDir, env: {}, probe: f.probe });
    const info = await locator.info();
    expect(info.available).toBe(false);
    expect(info.reason).toMatch(/No Python on this computer cannot run PyTorch \(python3: cannot import torch .*; \/usr\/bin\/python3: cannot import torch/);
    expect(info.reason).toMatch(/apt-get install python3-torch/);
    expect(await locator.forRun()).toMatchObject({ problem: expect.stringMatching(/^PyTorch is not available: /) });
    f.withTorch.push('python3');
    expect(await locator.forRun()).toEqual({ python: 'python3' });
  });

  it('refuses a Python path that is neither absolute nor a command name', async () => {
    const locator = new TorchEngineLocator({ dataDir, env: {}, probe: fakeProbe([]).probe });
    await expect(locator.setPython('python3 -c "import os"')).rejects.toThrow(/neither an absolute path nor a command name/);
    expect(pythonPathProblem('/usr/bin/python3')).toBeNull();
    expect(pythonPathProblem('python3.11')).toBeNull();
    expect(pythonPathProblem('../python')).toMatch(/neither/);
    expect(pythonPathProblem('/usr/bin/py\nthon')).toMatch(/line break .* at character 12/);
  });

  it('the real probe names a missing interpreter', async () => {
    await expect(probeTorchAsync(path.join(dataDir, 'no-python'))).rejects.toThrow('not found');
  });

  const python = torchPython();
  it.skipIf(!python)('the real probe reads torch, its BLAS and CUDA devices without blocking', async () => {
    const p = await probeTorchAsync(python!);
    expect(p.torch).toMatch(/^\d+\.\d+/);
    expect(Array.isArray(p.cudaDevices)).toBe(true);
  }, 180_000);
});
