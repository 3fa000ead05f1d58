// An imported ONNX model's weights as a stored run: the graph is built with tfjs, every weight is written from the
// ONNX file (all of them, or the import fails), and the model is saved where a trained run keeps its model files,
// with a record that says it was imported (no epochs, no curves), so export, evaluation and the try view work on it.
import * as tf from '@tensorflow/tfjs';
import type { RunRecord } from '../../../shared/api';
import { buildModel } from '../../engine/compile';
import { prepareEngine } from '../../engine/setup';
import { layerNameFor } from '../../../shared/graph/node-names';
import { RunStore, newRunId } from '../../training/run-store';
import { saveModelToFolder } from '../../training/model-files';
import { ImportError } from '../model-json';
import { importOnnx, type OnnxImport } from './import-onnx';
import type { GraphFile } from '../../../shared/graph/types';

/** Writes the imported weights into a model built from the imported graph; throws naming what does not fit. */
export function setImportedWeights(model: tf.LayersModel, imp: Pick<OnnxImport, 'weights'>): void {
  const values = new Map<string, { data: Float32Array; shape: number[] }>();
  for (const [nodeId, weights] of imp.weights) {
    for (const [suffix, w] of Object.entries(weights)) values.set(`${layerNameFor(nodeId)}/${suffix}`, w);
  }
  const problems: string[] = [];
  for (const w of model.weights) {
    const v = values.get(w.originalName);
    if (!v) problems.push(`nothing sets ${w.originalName}`);
    else if (v.shape.join() !== w.shape.join()) problems.push(`${w.originalName} is [${w.shape.join(', ')}], the ONNX weight [${v.shape.join(', ')}]`);
  }
  const wanted = new Set(model.weights.map((w) => w.originalName));
  for (const name of values.keys()) if (!wanted.has(name)) problems.push(`the model has no weight ${name}`);
  if (problems.length) throw new ImportError(`The ONNX weights do not fit the imported graph: ${problems.slice(0, 5).join('; ')}`);
  for (const w of model.weights) {
    const v = values.get(w.originalName)!;
    const t = tf.tensor(v.data, v.shape, 'float32');
    w.write(t);
    t.dispose();
  }
}

/** The imported model as a tfjs model with the ONNX weights (on the cpu backend: it only runs forward passes). */
export async function buildImportedModel(imp: OnnxImport): Promise<tf.LayersModel> {
  tf.env().set('PROD', true);
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  prepareEngine(tf);
  const { model } = buildModel(imp.graph, tf);
  setImportedWeights(model, imp);
  return model;
}

/** The import job: bytes -> graph, and the weights as a stored run (nothing is stored when anything fails). */
export async function importOnnxRun(bytes: Uint8Array, name: string, dataDir: string): Promise<{ graph: GraphFile; runId: string; notes: string[]; datasetNote: string }> {
  const imp = importOnnx(bytes, name);
  const runId = await saveImportedRun(dataDir, imp, name);
  return { graph: imp.graph, runId, notes: imp.notes, datasetNote: imp.datasetNote };
}

/** Stores the import as a completed run marked imported; returns its id. */
export async function saveImportedRun(dataDir: string, imp: OnnxImport, file: string): Promise<string> {
  const model = await buildImportedModel(imp);
  const store = new RunStore(dataDir);
  const id = newRunId();
  const record: RunRecord = {
    id,
    name: imp.graph.name,
    status: 'completed',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    backend: null,
    epochs: 0,
    final: null,
    graph: imp.graph,
    dataset: imp.graph.dataset,
    training: imp.graph.training,
    batches: [],
    epochsHistory: [],
    log: [`Imported from the ONNX model ${file} (opset ${imp.opset}, written by ${imp.producer}); not trained in LayerLab, so there are no training curves.`, ...imp.notes, imp.datasetNote],
    imported: { format: 'onnx', file, producer: imp.producer, opset: imp.opset },
  };
  try {
    await saveModelToFolder(model, store.modelDir(id));
    await store.save(record);
  } catch (err) {
    await store.delete(id).catch(() => {});
    throw err;
  } finally {
    model.dispose();
  }
  return id;
}
