// The PyTorch column of the training-speed rows: LayerLab's own PyTorch export of the graph (same layers,
// parameter count, loss and optimizer settings; parity-tested against tfjs in src-main/export) trained on the
// same arrays by bench/torch_train.py, with torch and OpenBLAS held to a given number of threads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { GraphFile } from '../shared/graph/types';
import type { LoadedDataset } from '../src-main/data/types';
import { datasetToNpz } from '../src-main/export/dataset-npz';
import { generatePytorchScript } from '../src-main/export/pytorch/script';
import { PROBE_PY, torchThreadEnv, type TorchProbe } from '../src-main/torch/probe';
import { BATCH_SIZE } from './families';

export interface TorchRun {
  samplesPerSec: number;
  epochs: number;
  loss: number;
  /** What the training process itself loaded and ran with. */
  probe: Omit<TorchProbe, 'python'>;
}

/** Writes model.py, data.npz and layerlab_probe.py for torch_train.py into `dir`. */
export function writeTorchInputs(graph: GraphFile, dataset: LoadedDataset, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'model.py'), generatePytorchScript(graph, dataset.shapes).script);
  fs.writeFileSync(path.join(dir, 'data.npz'), datasetToNpz(dataset));
  fs.writeFileSync(path.join(dir, 'layerlab_probe.py'), PROBE_PY);
}

/** Runs torch_train.py on the files in `dir` with `threads` threads (torch and OpenBLAS). */
export function trainTorch(python: string, dir: string, threads: number, minSeconds = 3): Promise<TorchRun> {
  const args = [
    path.join(__dirname, 'torch_train.py'),
    path.join(dir, 'model.py'),
    path.join(dir, 'data.npz'),
    '--probe',
    dir,
    '--batch',
    String(BATCH_SIZE),
    '--threads',
    String(threads),
    '--min-seconds',
    String(minSeconds),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { env: { ...torchThreadEnv(threads), PYTHONDONTWRITEBYTECODE: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`torch_train.py (${threads} thread(s)) exited ${code}: ${err.trim().split('\n').slice(-2).join(' / ')}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as TorchRun);
      } catch {
        reject(new Error(`torch_train.py printed no result: ${out.slice(-200)}`));
      }
    });
  });
}
