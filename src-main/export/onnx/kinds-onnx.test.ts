// Every layer kind, through small graphs that use them all, exports to ONNX and gives tfjs's outputs in
// onnxruntime-node within 1e-4 at batch sizes 2 and 5; the files pass onnx.checker. What cannot be exported is
// named before anything is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { prepareEngine } from '../../engine/setup';
import { KIND_GRAPHS } from '../testing/graphs';
import { ATTENTION_GRAPHS } from '../pytorch/attention/test-graphs';
import { TIED_GRAPHS } from '../testing/tied-graphs';
import { onnxCheck, onnxPython } from '../../onnx/testing';
import { decodeModel, tensorToFloat32 } from '../../onnx/proto';
import { exportGraph } from '..';
import { ALL_LAYERS } from '../../../shared/layers';
import { onnxKinds } from '.';
import { ONNX_EXTRA_GRAPHS, graph } from './test-graphs';
import { onnxParity, randomWeightModel } from './testing';

const TOLERANCE = 1e-4;
const GRAPHS = [...KIND_GRAPHS, ...ATTENTION_GRAPHS, ...TIED_GRAPHS, ...ONNX_EXTRA_GRAPHS];
let dir: string;
const written: string[] = [];
const python = onnxPython();
if (!python) console.log('onnx.checker checks skipped: no python3 with the onnx package (apt-get install python3-onnx)');

beforeAll(async () => {
  await tf.setBackend('cpu');
  prepareEngine(tf);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-kinds-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('ONNX export of every layer kind', () => {
  it('has an emitter for every layer kind, and the test graphs use every kind', () => {
    const kinds = ALL_LAYERS.map((l) => l.kind).sort();
    expect(onnxKinds().sort()).toEqual(kinds);
    const used = new Set(GRAPHS.flatMap((g) => g.nodes.map((n) => n.kind)));
    expect(kinds.filter((k) => !used.has(k))).toEqual([]);
  });

  for (const g of GRAPHS) {
    it(`${g.name}: onnxruntime matches tfjs at batch 2 and 5`, async () => {
      const built = randomWeightModel(g);
      try {
        const { exported, gaps } = await onnxParity(g, built, [2, 5]);
        console.log(`  ${g.name.padEnd(44)} max |tfjs - ort| ${gaps.map((x) => `batch ${x.batch}: ${x.gap.toExponential(2)} (outputs up to ${x.peak.toFixed(2)})`).join(', ')}`);
        for (const x of gaps) expect(x.gap).toBeLessThan(TOLERANCE);
        const file = path.join(dir, `${g.name.replace(/[^a-z0-9]+/gi, '-')}.onnx`);
        fs.writeFileSync(file, exported.bytes);
        written.push(file);
      } finally {
        built.model.dispose();
      }
    }, 60_000);
  }

  it.skipIf(!python)('every exported file passes onnx.checker (full check)', () => {
    expect(written.length).toBe(GRAPHS.length);
    expect(onnxCheck(python!, written)).toBe('');
  }, 120_000);

  it('the comparison fails when the weights differ (control: another seed for the tfjs side)', async () => {
    const g = KIND_GRAPHS[2];
    const exportedFrom = randomWeightModel(g, 1);
    const other = randomWeightModel(g, 2);
    try {
      const { exported } = await onnxParity(g, exportedFrom, [2]);
      const { gaps } = await onnxParity(g, other, [2], 11, exported);
      expect(gaps[0].gap).toBeGreaterThan(100 * TOLERANCE);
    } finally {
      exportedFrom.model.dispose();
      other.model.dispose();
    }
  }, 60_000);

  it('the tied head reads the Embedding initializer itself: one table in the file', async () => {
    const g = TIED_GRAPHS[0];
    const built = randomWeightModel(g);
    try {
      const { exported } = await onnxParity(g, built, [1]);
      const model = decodeModel(exported.bytes);
      // Two Embeddings in this graph; only 'wte' is tied to the head.
      expect(model.graph!.initializer!.filter((t) => t.name!.endsWith('/embeddings'))).toHaveLength(2);
      const tables = model.graph!.initializer!.filter((t) => t.name === 'n_wte/embeddings');
      expect(tables).toHaveLength(1);
      const readers = model.graph!.node!.filter((n) => n.input!.includes(tables[0].name!)).map((n) => n.opType);
      expect(readers.sort()).toEqual(['Gather', 'Transpose']);
      expect(tensorToFloat32(tables[0]).length).toBe(tables[0].dims!.reduce((a, b) => Number(a) * Number(b), 1));
    } finally {
      built.model.dispose();
    }
  }, 60_000);

  it('names every node it cannot express, and writes nothing', async () => {
    const bad = graph(
      'not exportable',
      [
        ['x', 'Input', { shape: [6] }],
        ['emb', 'Embedding', { inputDim: 10, outputDim: 4, maskZero: true }],
        ['rnn', 'SimpleRNN', { units: 3, activation: 'linear' }],
        ['y', 'Output'],
      ],
      [['x', 'emb'], ['emb', 'rnn'], ['rnn', 'y']],
      { normalization: 'none' },
    );
    const built = randomWeightModel(bad);
    const out = path.join(dir, 'never');
    try {
      const err = await exportGraph({ graph: bad, format: 'onnx', outDir: out, model: built.model }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      const message = (err as Error).message;
      expect(message).toMatch(/cannot express these 2 nodes/);
      expect(message).toMatch(/\(emb, Embedding\): maskZero/);
      expect(message).toMatch(/\(rnn, SimpleRNN\): recurrent activation 'linear'/);
      expect(message).toMatch(/Nothing was written/);
      expect(fs.existsSync(out)).toBe(false);
    } finally {
      built.model.dispose();
    }
  });
});
