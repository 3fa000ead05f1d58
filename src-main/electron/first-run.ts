// The one-time notice shown when the desktop app starts without native TensorFlow (@tensorflow/tfjs-node):
// training still works on WebAssembly, just slower, and the notice says how much and how to get the native
// backend. A flag file in the data folder makes it one-time. Pure Node: no Electron import, so it is testable;
// main.ts passes in the function that shows the dialog.
import fs from 'node:fs';
import path from 'node:path';
import type { BackendInfo, BackendName } from '../../shared/api';

export const FIRST_RUN_FLAG = 'backend-notice-shown.json';

export interface FirstRunNotice {
  title: string;
  message: string;
  detail: string;
}

/** True once per data folder, and only when the backend in use is not native TensorFlow. */
export function shouldShowFirstRunNotice(dataDir: string, backend: BackendName): boolean {
  if (backend === 'tensorflow') return false;
  return !fs.existsSync(path.join(dataDir, FIRST_RUN_FLAG));
}

export function markFirstRunNoticeShown(dataDir: string, backend: BackendName, now = new Date()): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, FIRST_RUN_FLAG), JSON.stringify({ shownAt: now.toISOString(), backend }) + '\n');
}

// Measured with tfjs 4.22 on a 2-core machine (../shared/TFJS-NOTES.md), MLP 784-1024-512-512-10, batch 128.
const SPEED = { wasm: 403, cpu: 82, nativeLow: 4300, nativeHigh: 5100 };

export function firstRunNotice(backend: BackendInfo): FirstRunNotice {
  const name = backend.name === 'wasm' ? 'WebAssembly (wasm)' : 'the pure-JavaScript cpu backend';
  const speed = backend.name === 'wasm' ? SPEED.wasm : SPEED.cpu;
  return {
    title: 'LayerLab: training without native TensorFlow',
    message: `LayerLab will train with ${name} because native TensorFlow (@tensorflow/tfjs-node) is not available. Everything works, only slower.`,
    detail: [
      `How much slower: on a 2-core test machine a large MLP (784-1024-512-512-10, batch 128) trained at about ` +
        `${SPEED.wasm} samples/s on wasm and ${SPEED.cpu} on cpu (you are on ${backend.name}: about ${speed}); native ` +
        `libraries on the same machine (PyTorch with OpenBLAS) reached ${SPEED.nativeLow.toLocaleString('en-US')}-` +
        `${SPEED.nativeHigh.toLocaleString('en-US')} samples/s, the class native TensorFlow is in. Small models and ` +
        `datasets train fine without it.`,
      `To install it: in the folder LayerLab runs from (a source checkout or an unpacked install), run ` +
        `"npm install @tensorflow/tfjs-node" and restart LayerLab. It downloads libtensorflow (about 100 MB); if that ` +
        `download is blocked, set TFJS_NODE_CDN_STORAGE to a mirror first.`,
      `Why: ${backend.reason}`,
      'This notice is shown once; the backend in use is always shown as a badge in the header.',
    ].join('\n\n'),
  };
}

/**
 * Shows the notice through `show` when it is due, then records it. A failing `show` is not recorded, so the
 * notice comes back next start. Returns whether it was shown.
 */
export async function runFirstRunNotice(dataDir: string, backend: BackendInfo, show: (notice: FirstRunNotice) => Promise<unknown>): Promise<boolean> {
  if (!shouldShowFirstRunNotice(dataDir, backend.name)) return false;
  await show(firstRunNotice(backend));
  markFirstRunNoticeShown(dataDir, backend.name);
  return true;
}
