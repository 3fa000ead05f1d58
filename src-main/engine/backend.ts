// Backend choice for training: native TensorFlow (tfjs-node) first, then wasm, then the pure-JS cpu backend.
// The returned reason always says which backend runs and, when it is not the native one, why and how to get it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../../shared/graph/types';
import type { BackendInfo, BackendName } from '../../shared/api';
import { installWasmKernels } from './wasm-kernels';

// Works under tsx/CJS (require exists) and under ESM runners such as vitest.
const nodeRequire: NodeRequire = typeof require === 'function' ? require : createRequire(import.meta.url);

const TFJS_NODE = '@tensorflow/tfjs-node';
const WASM_PKG = '@tensorflow/tfjs-backend-wasm';
const NATIVE_HINT = `npm install ${TFJS_NODE} for ~10x speed`;
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

/** Env override for bundled apps, where the .wasm files are copied next to the bundle. */
export const WASM_DIR_ENV = 'LAYERLAB_WASM_DIR';

interface Attempt {
  ok: boolean;
  /** Why it failed (when !ok). */
  why?: string;
}

function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0];
}

function isModuleMissing(err: unknown, pkg: string): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(pkg);
}

function nativeFailure(err: unknown): string {
  return isModuleMissing(err, TFJS_NODE)
    ? `native TensorFlow (${TFJS_NODE}) is not installed: ${NATIVE_HINT}`
    : `native TensorFlow (${TFJS_NODE}) failed to load (${errorText(err)}): reinstall it (${NATIVE_HINT})`;
}

/** Folder holding the .wasm binaries: the env override, else the installed package's dist folder. */
export function wasmDir(): string | null {
  const override = process.env[WASM_DIR_ENV];
  if (override) return override;
  try {
    return path.dirname(nodeRequire.resolve(WASM_PKG));
  } catch {
    return null;
  }
}

function missingWasmFiles(dir: string): string[] {
  return WASM_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
}

async function tryNative(): Promise<Attempt> {
  try {
    // Registers the 'tensorflow' backend on the shared @tensorflow/tfjs instance.
    nodeRequire(TFJS_NODE);
    if (!(await tf.setBackend('tensorflow'))) return { ok: false, why: nativeFailure(new Error('backend did not initialise')) };
    await tf.ready();
    return { ok: true };
  } catch (err) {
    return { ok: false, why: nativeFailure(err) };
  }
}

async function tryWasm(): Promise<Attempt> {
  const dir = wasmDir();
  if (!dir) return { ok: false, why: `the wasm backend (${WASM_PKG}) is not installed` };
  const missing = missingWasmFiles(dir);
  if (missing.length > 0) {
    return { ok: false, why: `the wasm backend's files (${missing.join(', ')}) are missing from ${dir}; set ${WASM_DIR_ENV}` };
  }
  try {
    const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as typeof import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(dir.endsWith(path.sep) ? dir : dir + path.sep);
    // Before setBackend: the replacements carry the stock kernels' set-up, which runs when the backend starts.
    installWasmKernels(tf);
    if (!(await tf.setBackend('wasm'))) return { ok: false, why: 'the wasm backend did not initialise' };
    await tf.ready();
    return { ok: true };
  } catch (err) {
    return { ok: false, why: `the wasm backend failed to start (${errorText(err)})` };
  }
}

async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

function info(name: BackendName, reason: string): BackendInfo {
  return { name, reason };
}

/**
 * Switches the global tfjs instance to the chosen backend. 'auto' tries tensorflow, wasm, cpu in turn;
 * an explicit choice that fails falls back to the next one down, saying so.
 */
export async function initBackend(choice: BackendChoice): Promise<BackendInfo> {
  const notes: string[] = [];
  if (choice === 'auto' || choice === 'tensorflow') {
    const native = await tryNative();
    if (native.ok) return info('tensorflow', 'Running native TensorFlow (@tensorflow/tfjs-node), the fastest backend.');
    notes.push(native.why!);
  }
  if (choice === 'auto' || choice === 'tensorflow' || choice === 'wasm') {
    const wasm = await tryWasm();
    if (wasm.ok) {
      const why = choice === 'wasm' ? 'it was chosen in the training settings' : notes.join('; ');
      const tip = choice === 'wasm' ? `; for ~10x speed use native TensorFlow (${NATIVE_HINT})` : '';
      return info('wasm', `Running WebAssembly (wasm) because ${why}${tip}.`);
    }
    notes.push(wasm.why!);
  }
  await useCpu();
  if (choice === 'cpu') {
    return info('cpu', `Running the pure-JavaScript cpu backend because it was chosen in the training settings (slowest; wasm is ~5x faster, native TensorFlow more: ${NATIVE_HINT}).`);
  }
  return info('cpu', `Running the pure-JavaScript cpu backend (slowest) because ${notes.join('; ')}.`);
}

function nativeAvailable(): Attempt {
  try {
    const pkgJson = nodeRequire.resolve(`${TFJS_NODE}/package.json`);
    const libDir = path.join(path.dirname(pkgJson), 'lib');
    // tfjs-node loads lib/napi-v*/tfjs_binding.node; a missing one is the common broken install (tfjs 8579).
    const hasBinding =
      fs.existsSync(libDir) &&
      fs.readdirSync(libDir).some((d) => d.startsWith('napi-v') && fs.existsSync(path.join(libDir, d, 'tfjs_binding.node')));
    return hasBinding
      ? { ok: true }
      : { ok: false, why: nativeFailure(new Error('its native binding (lib/napi-v*/tfjs_binding.node) is missing')) };
  } catch (err) {
    return { ok: false, why: nativeFailure(err) };
  }
}

/**
 * What initBackend('auto') would pick, for AppInfo, without loading or switching any backend
 * (the main process never trains). Checks that the packages and their binaries are present.
 */
export function probeBackend(): BackendInfo {
  const native = nativeAvailable();
  if (native.ok) return info('tensorflow', 'Native TensorFlow (@tensorflow/tfjs-node) is installed: the fastest backend.');
  const dir = wasmDir();
  const wasmWhy = !dir
    ? `the wasm backend (${WASM_PKG}) is not installed`
    : missingWasmFiles(dir).length > 0
      ? `the wasm backend's files are missing from ${dir}; set ${WASM_DIR_ENV}`
      : typeof WebAssembly === 'undefined'
        ? 'WebAssembly is not available'
        : null;
  if (!wasmWhy) return info('wasm', `Training will use WebAssembly (wasm) because ${native.why}.`);
  return info('cpu', `Training will use the pure-JavaScript cpu backend (slowest) because ${native.why}; ${wasmWhy}.`);
}
