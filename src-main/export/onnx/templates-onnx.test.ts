// Every template that can be built here exports to ONNX, passes onnx.checker (Debian's python3-onnx) and gives
// tfjs's outputs in onnxruntime-node within 1e-4 at two batch sizes (the batch axis is dynamic).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TEMPLATES, isViewOnly } from '../../../shared/templates';
import { prepareEngine } from '../../engine/setup';
import { onnxCheck, onnxPython } from '../../onnx/testing';
import { onnxParity, randomWeightModel } from './testing';

const TOLERANCE = 1e-4;
let dir: string;
const written: string[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  prepareEngine(tf);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onnx-templates-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const python = onnxPython();
if (!python) console.log('onnx.checker checks skipped: no python3 with the onnx package (apt-get install python3-onnx)');

describe('templates export to ONNX and match tfjs in onnxruntime', () => {
  for (const t of TEMPLATES) {
    if (isViewOnly(t)) {
      it.skip(`${t.id}: view-only (${t.name} is far too big to build; char-gpt covers the same layers)`, () => {});
      continue;
    }
    it(`${t.id}`, async () => {
      const built = randomWeightModel(t.graph);
      try {
        const { exported, gaps } = await onnxParity(t.graph, built, [1, 3]);
        console.log(
          `  ${t.id.padEnd(28)} ${(exported.bytes.length / 1024).toFixed(0).padStart(6)} KiB, max |tfjs - ort| ` +
            gaps.map((g) => `batch ${g.batch}: ${g.gap.toExponential(2)} (outputs up to ${g.peak.toFixed(2)})`).join(', '),
        );
        for (const g of gaps) expect(g.gap).toBeLessThan(TOLERANCE);
        expect(gaps.map((g) => g.outputDims[0][0])).toEqual([1, 3]);
        const file = path.join(dir, `${t.id}.onnx`);
        fs.writeFileSync(file, exported.bytes);
        written.push(file);
      } finally {
        built.model.dispose();
      }
    }, 60_000);
  }

  it.skipIf(!python)('every exported template passes onnx.checker (full check)', () => {
    expect(written.length).toBeGreaterThan(10);
    expect(onnxCheck(python!, written)).toBe('');
  }, 120_000);
});
