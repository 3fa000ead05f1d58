// The PyTorch row: the same MLP on the same MNIST samples in PyTorch (bench/torch_mlp.py), when some python3
// can import torch (Debian: apt-get install python3-torch, which installs for /usr/bin/python3).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fitDataOf, loadMnist } from '../src-main/training/testing/fixtures';

export interface TorchResult {
  python: string;
  torch: string;
  threads: number;
  samplesPerSec: number;
  samples: number;
}

/** The first interpreter that can import torch: LAYERLAB_PYTHON, python3 on PATH, then Debian's /usr/bin/python3. */
export function findTorchPython(): { python: string } | { reason: string } {
  const candidates = [...new Set([process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
  const tried: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python };
    tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { reason: `no python3 can import torch (${tried.join('; ')}); apt-get install python3-torch or set LAYERLAB_PYTHON` };
}

export async function benchTorch(python: string, hidden: number[], samples: number, epochs: number, batchSize: number): Promise<TorchResult> {
  const data = fitDataOf(await loadMnist(samples, { validationSplit: 0 }));
  const x = data.train.xs[0];
  const y = data.train.ys[0];
  const n = data.train.size;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < 10; k++) if (y.data[i * 10 + k] > y.data[i * 10 + best]) best = k;
    labels[i] = best;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-bench-torch-'));
  try {
    const xFile = path.join(dir, 'x.f32');
    const yFile = path.join(dir, 'y.i32');
    fs.writeFileSync(xFile, Buffer.from(Float32Array.from(x.data).buffer));
    fs.writeFileSync(yFile, Buffer.from(labels.buffer));
    const script = path.join(__dirname, 'torch_mlp.py');
    const r = spawnSync(python, [script, xFile, yFile, String(n), String(epochs), String(batchSize), hidden.join(',')], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) throw new Error(`${path.basename(script)} failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-2).join(' / ')}`);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<TorchResult, 'python' | 'samples'>;
    return { python, samples: n, ...out };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
