// Test helpers for the conv and recurrent builder tests: build a layer kind both ways (shared inference
// and the tfjs builder), train a tiny model, save and reload it through memory.
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { getLayerDef, withDefaults } from '../../../../shared/layers';
import type { InferResult, ParamValues, Shape } from '../../../../shared/layers/types';
import { getBuilder } from '..';
import type { SymbolicTensor } from '../../types';

let counter = 0;
export function uniqueName(prefix: string): string {
  return `${prefix}_${++counter}`;
}

/** Apply the builder of `kind` to already-built tensors (params get their defaults). */
export function apply(kind: string, params: ParamValues, inputs: SymbolicTensor[][]): SymbolicTensor[] {
  const def = getLayerDef(kind);
  if (!def) throw new Error(`unknown kind ${kind}`);
  const name = uniqueName(kind.toLowerCase());
  return getBuilder(kind).build(inputs, withDefaults(def, params), { tf, nodeId: name, name });
}

/** Build `kind` on fresh tf.inputs of the given shapes; return what inference says and what tfjs built. */
export function buildBoth(
  kind: string,
  params: ParamValues,
  inputShapes: Shape[][],
): { inferred: InferResult; built: Shape[]; model: tf.LayersModel } {
  const def = getLayerDef(kind);
  if (!def) throw new Error(`unknown kind ${kind}`);
  const inferred = def.infer(inputShapes, withDefaults(def, params));
  const symbolic = inputShapes.map((shapes) => shapes.map((s) => tf.input({ shape: s as number[], name: uniqueName('in') })));
  const outs = apply(kind, params, symbolic);
  const model = tf.model({ inputs: symbolic.flat(), outputs: outs });
  return { inferred, built: outs.map((o) => o.shape.slice(1)), model };
}

/** Deterministic uniform data in [-1, 1). */
export function pseudoRandom(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/** Full-batch training steps with Adam; returns the loss before the first and after the last step. */
export async function trainSteps(
  model: tf.LayersModel,
  xs: tf.Tensor | tf.Tensor[],
  ys: tf.Tensor,
  steps = 20,
  learningRate = 0.02,
): Promise<{ first: number; last: number }> {
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'meanSquaredError' });
  const before = model.evaluate(xs, ys) as tf.Scalar;
  const first = (await before.data())[0];
  before.dispose();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(xs, ys);
  const after = model.evaluate(xs, ys) as tf.Scalar;
  const last = (await after.data())[0];
  after.dispose();
  return { first, last };
}

/** Save to memory (model.json + weights) and load it back, as the app's file handler does. */
export async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved) throw new Error('save handler was not called');
  // Re-serialise the topology as the file would be, to catch anything that does not survive JSON.
  const topology = JSON.parse(JSON.stringify(saved.modelTopology)) as object;
  return tf.loadLayersModel(tf.io.fromMemory({ ...saved, modelTopology: topology }));
}

/** Largest absolute difference between the predictions of two models on the same input. */
export function predictionGap(a: tf.LayersModel, b: tf.LayersModel, xs: tf.Tensor | tf.Tensor[]): number {
  return tf.tidy(() => {
    const pa = [a.predict(xs)].flat() as tf.Tensor[];
    const pb = [b.predict(xs)].flat() as tf.Tensor[];
    return Math.max(...pa.map((t, i) => t.sub(pb[i]).abs().max().dataSync()[0]));
  });
}

/** Switch to the wasm backend (single-threaded in Node); false with a reason when it cannot start. */
export async function useWasm(): Promise<{ ok: boolean; why?: string }> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dist = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(dist + path.sep);
    const ok = await tf.setBackend('wasm');
    return ok ? { ok } : { ok, why: 'tf.setBackend("wasm") returned false' };
  } catch (err) {
    return { ok: false, why: err instanceof Error ? err.message : String(err) };
  }
}

/** Mean squared error of the best constant prediction (the target's variance): a model must beat it. */
export function constantLoss(y: tf.Tensor): number {
  return tf.tidy(() => tf.moments(y).variance.dataSync()[0]);
}
