// Finds a Python that can import torch and says what that torch runs on: its version, the BLAS library the
// process really loaded (Debian's python3-torch links libblas.so.3, an alternative that is the slow reference
// BLAS unless libopenblas0-pthread is installed: ~10x on a dense model, see ../shared/TFJS-NOTES.md),
// OpenBLAS's own configuration and thread count, torch's threads and CUDA devices.
// Used by the benchmark's PyTorch rows and meant for the PyTorch training engine's "is torch usable" probe.
import { spawnSync } from 'node:child_process';

export interface TorchProbe {
  python: string;
  torch: string;
  /** What the BLAS is: from the shared libraries mapped into the process after a matrix product. */
  blas: 'openblas' | 'mkl' | 'reference' | 'unknown';
  /** The BLAS / LAPACK shared libraries loaded (real paths, after Debian's alternatives). */
  blasLibraries: string[];
  /** openblas_get_config(), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64". */
  openblasConfig: string | null;
  /** openblas_get_num_threads(): OpenBLAS's own pool, separate from torch's. */
  openblasThreads: number | null;
  /** torch.get_num_threads() (intra-op threads). */
  torchThreads: number;
  /** BLAS_INFO / LAPACK_INFO from torch.__config__.show() (how torch was built; Debian's says 'generic'). */
  buildBlas: string[];
  cudaDevices: string[];
}

/**
 * Python source of the probe: `probe(threads=None)` returns the TorchProbe fields (without `python`).
 * Importable as a module (the benchmark's torch runner reports the BLAS its own process loaded), or run
 * as a script: `python3 -c PROBE_PY [threads]` prints the JSON.
 */
export const PROBE_PY = `
import ctypes, json, os, re, sys


def loaded_blas():
    """Shared libraries with BLAS in them that this process has mapped (Linux); [] elsewhere."""
    found = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 6:
                    continue
                path = parts[5]
                name = os.path.basename(path).lower()
                if ("blas" in name or "mkl" in name or "lapack" in name) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return found


def probe(threads=None):
    import torch
    if threads:
        torch.set_num_threads(int(threads))
    a = torch.ones(256, 256)
    (a @ a).sum().item()  # loads the BLAS lazily where it is
    libs = loaded_blas()
    joined = " ".join(libs).lower()
    kind = "openblas" if "openblas" in joined else "mkl" if "mkl" in joined else "reference" if "/blas/" in joined or "libblas" in joined else "unknown"
    config, nthreads = None, None
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            if hasattr(lib, "openblas_get_config"):
                lib.openblas_get_config.restype = ctypes.c_char_p
                config = lib.openblas_get_config().decode()
                nthreads = int(lib.openblas_get_num_threads())
                break
        except OSError:
            continue
    build = re.findall(r"(?:BLAS_INFO|LAPACK_INFO)=[^,\\s]*", torch.__config__.show())
    cuda = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())] if torch.cuda.is_available() else []
    return {"torch": torch.__version__, "blas": kind, "blasLibraries": libs, "openblasConfig": config,
            "openblasThreads": nthreads, "torchThreads": torch.get_num_threads(), "buildBlas": build, "cudaDevices": cuda}


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1] if len(sys.argv) > 1 else None)))
`;

function candidates(): string[] {
  return [...new Set([process.env.LAYERLAB_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
}

/** The first interpreter that can import torch: LAYERLAB_PYTHON, python3 on PATH, then Debian's /usr/bin/python3. */
export function findTorchPython(): { python: string } | { reason: string } {
  const tried: string[] = [];
  for (const python of candidates()) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python };
    tried.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { reason: `no python3 can import torch (${tried.join('; ')}); apt-get install python3-torch or set LAYERLAB_PYTHON` };
}

/** Environment that gives torch and OpenBLAS `threads` threads each (OpenBLAS reads its variable at load). */
export function torchThreadEnv(threads: number): NodeJS.ProcessEnv {
  const n = String(threads);
  return { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
}

/** Runs the probe in `python` (with `threads` threads when given). Throws with Python's message when it fails. */
export function probeTorch(python: string, threads?: number): TorchProbe {
  const args = ['-c', PROBE_PY, ...(threads ? [String(threads)] : [])];
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 120_000, env: threads ? torchThreadEnv(threads) : process.env });
  if (r.status !== 0) {
    throw new Error(`${python}: the torch probe failed: ${r.error?.message ?? r.stderr.trim().split('\n').slice(-1)[0] ?? `exit ${r.status}`}`);
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<TorchProbe, 'python'>;
  return { python, ...out };
}

/** One line for reports: "torch 1.13.1, OpenBLAS (OpenBLAS 0.3.21 ... SkylakeX ...), 1 torch thread, 1 OpenBLAS thread". */
export function describeTorch(p: TorchProbe): string {
  const blas =
    p.blas === 'openblas'
      ? `OpenBLAS (${p.openblasConfig ?? p.blasLibraries.join(', ')})`
      : p.blas === 'reference'
        ? `the REFERENCE BLAS (${p.blasLibraries.join(', ')}; ~10x slower: apt-get install libopenblas0-pthread)`
        : p.blas === 'mkl'
          ? `MKL (${p.blasLibraries.join(', ')})`
          : `an unidentified BLAS (${p.blasLibraries.join(', ') || 'none found in /proc/self/maps'})`;
  const threads = `${p.torchThreads} torch thread${p.torchThreads === 1 ? '' : 's'}${p.openblasThreads !== null ? `, ${p.openblasThreads} OpenBLAS thread${p.openblasThreads === 1 ? '' : 's'}` : ''}`;
  const cuda = p.cudaDevices.length ? `, CUDA: ${p.cudaDevices.join(', ')}` : '';
  return `torch ${p.torch}, ${blas}, ${threads}${cuda}`;
}
