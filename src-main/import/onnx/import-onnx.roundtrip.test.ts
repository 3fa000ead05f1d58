// A second producer of ONNX files: LayerLab's own exporter (src-main/export/onnx, channels-last models wrapped in
// Transposes, as tf2onnx writes Keras models). Every buildable template with random weights is exported and imported
// back: the MLP, CNN and recurrent templates must come back as the same layers computing the same outputs; the
// others must be refused with an ImportError naming the operator or node (all or nothing), never another error.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TEMPLATES, isViewOnly } from '../../../shared/templates';
import { prepareEngine } from '../../engine/setup';
import { buildModel } from '../../engine/compile';
import { randomWeightModel } from '../../export/onnx/testing';
import { exportOnnxModel } from '../../export/onnx/export-onnx';
import { ImportError } from '../model-json';
import { importOnnx } from './import-onnx';
import { buildImportedModel } from './imported-run';

const ROUND_TRIP = ['mlp-mnist', 'cnn-cifar10', 'lstm-mnist-rows', 'many-to-many-tagging', 'long-dependency-simplernn', 'long-dependency-lstm', 'long-dependency-gru'];

beforeAll(async () => {
  await tf.setBackend('cpu');
  prepareEngine(tf);
});

function maxGap(a: tf.LayersModel, b: tf.LayersModel, xs: tf.Tensor[]): number {
  const list = (y: tf.Tensor | tf.Tensor[]) => (Array.isArray(y) ? y : [y]);
  const ya = list(a.predict(xs));
  const yb = list(b.predict(xs));
  return Math.max(...ya.map((y, k) => tf.max(tf.abs(tf.sub(y, yb[k]))).dataSync()[0]));
}

describe('LayerLab ONNX export -> import', () => {
  for (const t of TEMPLATES.filter((x) => !isViewOnly(x))) {
    it(`${t.id}: ${ROUND_TRIP.includes(t.id) ? 'the same layers and outputs' : 'refused with an ImportError'}`, async () => {
      const built = randomWeightModel(t.graph);
      const bytes = exportOnnxModel(t.graph, built.model).bytes;
      if (!ROUND_TRIP.includes(t.id)) {
        expect(() => importOnnx(bytes, t.id)).toThrow(ImportError);
        built.model.dispose();
        return;
      }
      const imp = importOnnx(bytes, t.id);
      // Activations fold into layers or stand alone, Dropout is gone at inference, and TimeDistributed(Dense) is a Dense on the last axis.
      const kinds = (nodes: { kind: string }[]) =>
        nodes.map((n) => (n.kind === 'TimeDistributed' ? 'Dense' : n.kind)).filter((k) => k !== 'Activation' && k !== 'Dropout').sort();
      expect(kinds(imp.graph.nodes)).toEqual(kinds(t.graph.nodes));
      const model = await buildImportedModel(imp);
      expect(model.countParams()).toBe(built.model.countParams());
      const xs = built.model.inputs.map((i, k) => tf.randomUniform([3, ...(i.shape.slice(1) as number[])], 0, 1, 'float32', 100 + k));
      expect(maxGap(built.model, model, xs)).toBeLessThan(1e-5);
      // Against fresh weights the gap is large: the comparison above can fail.
      const fresh = buildModel(imp.graph, tf).model;
      expect(maxGap(built.model, fresh, xs)).toBeGreaterThan(1e-3);
      [built.model, model, fresh].forEach((m) => m.dispose());
    }, 60_000);
  }
});
