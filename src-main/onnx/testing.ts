// Test helpers for ONNX files: a python with the `onnx` package (Debian's python3-onnx) to run
// onnx.checker, and onnxruntime-node sessions over float32 inputs. Tests skip with a printed reason
// when no python has onnx.
import { spawnSync } from 'node:child_process';
import * as ort from 'onnxruntime-node';
import { findPython } from '../export/testing/python';

let cached: string | null | undefined;

/** A python executable that can `import onnx`, or null. */
export function onnxPython(): string | null {
  if (cached !== undefined) return cached;
  // The interpreter's own path (not a pyenv shim), found as the torch tests find theirs.
  cached = findPython('onnx');
  return cached;
}

/**
 * Runs onnx.checker.check_model (full_check: shape inference too) on one file or several (one python start);
 * returns '' when all pass, else one line per failing file with the checker's error.
 */
export function onnxCheck(python: string, files: string | string[]): string {
  const list = Array.isArray(files) ? files : [files];
  const code = [
    'import sys, onnx',
    'bad = 0',
    'for f in sys.argv[1:]:',
    '    try:',
    '        onnx.checker.check_model(onnx.load(f), full_check=True)',
    '    except Exception as e:',
    '        bad += 1',
    '        print("FAIL %s: %s" % (f, str(e).replace(chr(10), " ")))',
    'print("CHECKED %d" % (len(sys.argv) - 1 - bad))',
  ].join('\n');
  const r = spawnSync(python, ['-c', code, ...list], { encoding: 'utf8', timeout: 300_000 });
  const out = r.stdout ?? '';
  if (r.status === 0 && out.includes(`CHECKED ${list.length}`)) return '';
  return (out.split('\n').filter((l) => l.startsWith('FAIL')).join('\n') || r.stderr || `exit ${r.status}`).trim();
}

/** Runs an ONNX model on float32 inputs; returns the first output (or the named one). */
export async function runOnnx(model: Uint8Array | string, inputs: Record<string, { data: Float32Array; dims: number[] }>, output?: string): Promise<{ data: Float32Array; dims: number[] }> {
  const session = typeof model === 'string' ? await ort.InferenceSession.create(model) : await ort.InferenceSession.create(model);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, v] of Object.entries(inputs)) feeds[name] = new ort.Tensor('float32', v.data, v.dims);
    const result = await session.run(feeds);
    const t = result[output ?? session.outputNames[0]];
    return { data: t.data as Float32Array, dims: [...t.dims] };
  } finally {
    await session.release();
  }
}
