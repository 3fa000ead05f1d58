// The peak-memory row: one epoch over full Fashion-MNIST in a child process (bench/memory-child.ts), so the
// number is that process's own peak RSS and nothing else this benchmark holds.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEBIAN_FASHION_MNIST_DIR } from '../shared/data/catalog';

export interface MemoryChildResult {
  backend: string;
  trainSamples: number;
  loadMs: number;
  trainMs: number;
  samplesPerSec: number;
  accuracy: number | null;
  /** Peak resident set size of the child process, MiB. */
  peakRssMiB: number;
  heapUsedMiB: number;
}

/** Hidden layers of the small MLP the child trains. */
export const HIDDEN = [128];

const ROOT = path.resolve(__dirname, '..');
export const FASHION_DIR = process.env.LAYERLAB_FASHION_DIR ?? DEBIAN_FASHION_MNIST_DIR;

export function fashionBlocker(): string | null {
  const need = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
  const have = fs.existsSync(FASHION_DIR) ? fs.readdirSync(FASHION_DIR) : [];
  const missing = need.filter((n) => !have.some((h) => h.startsWith(n)));
  return missing.length ? `Fashion-MNIST not found in ${FASHION_DIR} (missing ${missing.join(', ')}; apt-get install dataset-fashion-mnist or set LAYERLAB_FASHION_DIR)` : null;
}

export function benchMemory(backend: string): Promise<MemoryChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['bench/memory-child.ts', backend, FASHION_DIR], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`memory child exited with ${code}: ${err.trim().split('\n').slice(-2).join(' / ')}`));
      resolve(JSON.parse(last) as MemoryChildResult);
    });
  });
}
