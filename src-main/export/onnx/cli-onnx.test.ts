// `layerlab export --format onnx` end to end: a run trained by `layerlab train` exports model.onnx whose
// onnxruntime outputs equal the run's tfjs model; a template exports with fresh weights; GPT-3 and a graph with
// a kind ONNX cannot express fail with one clear line and write nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { main } from '../../cli';
import { KIND_GRAPHS } from '../testing/graphs';
import { until } from '../../../shared/testing/until';
import { loadModelFromFolder } from '../../training/model-files';
import { prepareEngine } from '../../engine/setup';
import { runOnnx } from '../../onnx/testing';
import { decodeModel, modelOpset, valueInfoDims } from '../../onnx/proto';
import { graph } from './test-graphs';
import { lcg } from './testing';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-onnx-cli-'));
const savedHome = process.env.LAYERLAB_HOME;
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  prepareEngine(tf);
});
afterAll(() => {
  if (savedHome === undefined) delete process.env.LAYERLAB_HOME;
  else process.env.LAYERLAB_HOME = savedHome;
  rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('layerlab export --format onnx', () => {
  it('exports a trained run: onnxruntime gives the run\'s tfjs outputs at two batch sizes', async () => {
    const home = path.join(tmp, 'home');
    process.env.LAYERLAB_HOME = home;
    const file = path.join(tmp, 'core.layerlab.json');
    writeFileSync(file, JSON.stringify(KIND_GRAPHS[0]));
    expect(await main(['train', file, '--epochs', '1', '--limit', '96', '--batch-size', '32', '--backend', 'cpu', '--quiet'])).toBe(0);
    const runId = out.pop()!;
    const runFile = path.join(home, 'runs', runId, 'run.json');
    await until(() => ((JSON.parse(readFileSync(runFile, 'utf8')) as { status: string }).status === 'running' ? null : true), `${runFile} to record the finished run`);

    const onnxDir = path.join(tmp, 'onnx');
    expect(await main(['export', '--run', runId, '--format', 'onnx', '--out', onnxDir])).toBe(0);
    const onnxFile = path.join(onnxDir, 'model.onnx');
    expect(out).toContain(onnxFile);
    expect(err.join('\n')).toMatch(/model\.onnx: ONNX opset 17, float32 inputs x \[batch, 784\]; outputs y \[batch, 10\]/);
    const model = decodeModel(readFileSync(onnxFile));
    expect(modelOpset(model)).toBe(17);
    expect(valueInfoDims(model.graph!.input![0])).toEqual(['batch', 784]);

    const trained = await loadModelFromFolder(path.join(home, 'runs', runId, 'model'), tf);
    try {
      const rand = lcg(3);
      for (const batch of [1, 4]) {
        const data = Float32Array.from({ length: batch * 784 }, () => rand());
        const ort = await runOnnx(onnxFile, { x: { data, dims: [batch, 784] } }); // the Input node's id
        const want = tf.tidy(() => (trained.predict(tf.tensor2d(data, [batch, 784])) as tf.Tensor).dataSync() as Float32Array);
        expect(ort.dims).toEqual([batch, 10]);
        const gap = Math.max(...Array.from(want, (v, i) => Math.abs(v - ort.data[i])));
        expect(gap).toBeLessThan(1e-4);
      }
    } finally {
      trained.dispose();
    }
  }, 180_000);

  it('exports a template with fresh weights and says so', async () => {
    process.env.LAYERLAB_HOME = path.join(tmp, 'home2');
    const dir = path.join(tmp, 'fresh');
    expect(await main(['export', '--template', 'lstm-mnist-rows', '--format', 'onnx', '--out', dir])).toBe(0);
    expect(existsSync(path.join(dir, 'model.onnx'))).toBe(true);
    expect(err.join('\n')).toMatch(/freshly initialised \(untrained\) weights/);
  }, 60_000);

  it('GPT-3 and a graph ONNX cannot express fail in one line and write nothing', async () => {
    process.env.LAYERLAB_HOME = path.join(tmp, 'home3');
    const gptDir = path.join(tmp, 'gpt3');
    expect(await main(['export', '--template', 'gpt-3', '--format', 'onnx', '--out', gptDir])).toBe(1);
    expect(err.join('\n')).toMatch(/174\.6B parameters: too big to build with tfjs here \(the onnx export needs real weights\)/);
    expect(existsSync(gptDir)).toBe(false);

    err = [];
    const file = path.join(tmp, 'masked.layerlab.json');
    const masked = graph('masked', [['x', 'Input', { shape: [6] }], ['emb', 'Embedding', { inputDim: 10, outputDim: 4, maskZero: true }], ['gap', 'GlobalAveragePooling1D'], ['y', 'Output']], [['x', 'emb'], ['emb', 'gap'], ['gap', 'y']], {});
    writeFileSync(file, JSON.stringify(masked));
    const dir = path.join(tmp, 'masked');
    expect(await main(['export', file, '--format', 'onnx', '--out', dir])).toBe(1);
    expect(err.join('\n')).toMatch(/ONNX export cannot express this node: Embedding \(emb, Embedding\): maskZero .*Nothing was written/);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);
});
