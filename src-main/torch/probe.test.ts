import { describe, expect, it } from 'vitest';
import { describeTorch, findTorchPython, probeTorch, type TorchProbe } from './probe';

const found = findTorchPython();
if ('reason' in found) console.warn(`probe.test: the live probe tests are skipped: ${found.reason}`);

const fake = (p: Partial<TorchProbe>): TorchProbe => ({
  python: 'python3',
  torch: '1.13.1',
  blas: 'openblas',
  blasLibraries: ['/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3'],
  openblasConfig: 'OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell MAX_THREADS=64',
  openblasThreads: 1,
  torchThreads: 1,
  buildBlas: ['BLAS_INFO=generic'],
  cudaDevices: [],
  ...p,
});

describe('torch probe', () => {
  it('says which BLAS and how many threads, and warns about the reference BLAS', () => {
    expect(describeTorch(fake({}))).toBe('torch 1.13.1, OpenBLAS (OpenBLAS 0.3.21 DYNAMIC_ARCH Haswell MAX_THREADS=64), 1 torch thread, 1 OpenBLAS thread');
    const ref = describeTorch(fake({ blas: 'reference', blasLibraries: ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3'], openblasConfig: null, openblasThreads: null, torchThreads: 2 }));
    expect(ref).toBe('torch 1.13.1, the REFERENCE BLAS (/usr/lib/x86_64-linux-gnu/blas/libblas.so.3; ~10x slower: apt-get install libopenblas0-pthread), 2 torch threads');
    expect(describeTorch(fake({ cudaDevices: ['A100'] }))).toMatch(/, CUDA: A100$/);
  });

  it.skipIf('reason' in found)('finds the BLAS the torch process really loaded and holds it to the threads asked for', () => {
    const p = probeTorch((found as { python: string }).python, 1);
    expect(p.torch).toMatch(/^\d+\.\d+/);
    expect(p.blasLibraries.length).toBeGreaterThan(0);
    expect(p.blas).not.toBe('unknown');
    expect(p.torchThreads).toBe(1);
    if (p.blas === 'openblas') {
      expect(p.openblasConfig).toMatch(/^OpenBLAS /);
      expect(p.openblasThreads).toBe(1); // not OpenBLAS's default of one thread per core
    }
    expect(probeTorch((found as { python: string }).python, 2).torchThreads).toBe(2);
  });
});
