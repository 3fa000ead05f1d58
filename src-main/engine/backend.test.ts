import { afterEach, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { initBackend, probeBackend, WASM_DIR_ENV } from './backend';

const require = createRequire(import.meta.url);
const hasTfjsNode = (() => {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();
if (hasTfjsNode) console.warn('backend.test: @tensorflow/tfjs-node is installed, the fallback tests are skipped');

afterEach(() => {
  delete process.env[WASM_DIR_ENV];
});

describe('backend choice without tfjs-node', () => {
  it.skipIf(hasTfjsNode)('probe says wasm would run, why, and how to get native TensorFlow', () => {
    const info = probeBackend();
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/native TensorFlow \(@tensorflow\/tfjs-node\) is not installed/);
    expect(info.reason).toMatch(/npm install @tensorflow\/tfjs-node/);
    expect(tf.getBackend()).not.toBe('wasm'); // probing does not switch
  });

  it.skipIf(hasTfjsNode)("'auto' falls back to wasm, which really computes", async () => {
    const info = await initBackend('auto');
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/^Running WebAssembly \(wasm\) because native TensorFlow .* is not installed: npm install @tensorflow\/tfjs-node/);
    expect(tf.getBackend()).toBe('wasm');
    const y = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(y.dataSync()[0]).toBe(11);
  });

  it.skipIf(hasTfjsNode)("'auto' falls back to cpu when the wasm files are missing, and says where it looked", async () => {
    process.env[WASM_DIR_ENV] = '/nonexistent/wasm';
    expect(probeBackend()).toMatchObject({ name: 'cpu', reason: expect.stringMatching(/missing from \/nonexistent\/wasm/) });
    const info = await initBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.reason).toMatch(/not installed.*; the wasm backend's files .* are missing from \/nonexistent\/wasm; set LAYERLAB_WASM_DIR/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it("an explicit 'cpu' choice runs cpu and says it was chosen", async () => {
    const info = await initBackend('cpu');
    expect(info).toMatchObject({ name: 'cpu', reason: expect.stringMatching(/chosen in the training settings/) });
    expect(tf.getBackend()).toBe('cpu');
  });

  it.skipIf(hasTfjsNode)("an explicit 'tensorflow' choice falls back and says why", async () => {
    const info = await initBackend('tensorflow');
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/not installed/);
  });
});
