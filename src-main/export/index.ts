// Export entry point for the CLI and the app: a graph (and optionally its trained model and loaded dataset)
// -> files in a folder. tfjs: model.json + weights.bin + layerlab-custom-layers.js. pytorch: model.py
// (+ data.npz, + weights.npz from trained weights). keras: model_keras.py (+ data.npz). onnx: model.onnx.
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import type { GraphFile } from '../../shared/graph/types';
import type { DatasetShapes } from '../../shared/data/types';
import type { LoadedDataset } from '../data/types';
import { exportTfjsModel } from './tfjs/export-tfjs';
import { generatePytorchScript } from './pytorch/script';
import { pytorchWeightsNpz, unmappedWeightNodes } from './pytorch/weights';
import { generateKerasScript } from './keras/script';
import { datasetToNpz } from './dataset-npz';
import { writeFileAtomic } from '../files/atomic-write';
import { exportOnnxModel, ONNX_FILE } from './onnx/export-onnx';

export { ExportError } from './codegen/plan';

export { EXPORT_FORMATS, type ExportFormat } from '../../shared/api';
import type { ExportFormat } from '../../shared/api';

export const PYTORCH_SCRIPT = 'model.py';
export const KERAS_SCRIPT = 'model_keras.py';
export const DATA_NPZ = 'data.npz';
export const WEIGHTS_NPZ = 'weights.npz';

export interface ExportRequest {
  graph: GraphFile;
  format: ExportFormat;
  outDir: string;
  /** Dataset shapes for inference (the catalogue's or the loaded dataset's). */
  shapes?: DatasetShapes;
  /** The tfjs model (trained, or freshly initialised): required for tfjs, optional weights for pytorch. */
  model?: tfTypes.LayersModel;
  /** LayerLab's loaded dataset: written as data.npz for the Python scripts. */
  dataset?: LoadedDataset;
}

export interface ExportResult {
  files: string[];
  notes: string[];
}

export async function exportGraph(req: ExportRequest): Promise<ExportResult> {
  if (req.format === 'onnx') return exportOnnx(req);
  await fs.mkdir(req.outDir, { recursive: true });
  const files: string[] = [];
  const notes: string[] = [];
  const write = async (name: string, data: string | Uint8Array) => {
    const file = path.join(req.outDir, name);
    await writeFileAtomic(file, data);
    files.push(file);
  };

  if (req.format === 'tfjs') {
    if (!req.model) throw new Error('tfjs export needs a built model (trained weights or fresh ones)');
    const r = await exportTfjsModel(req.model, req.outDir);
    return { files: r.files, notes: r.notes };
  }

  const shapes = req.shapes ?? req.dataset?.shapes;
  if (req.format === 'pytorch') {
    const exp = generatePytorchScript(req.graph, shapes);
    await write(PYTORCH_SCRIPT, exp.script);
    notes.push(...exp.warnings);
    if (req.model) {
      const unmapped = unmappedWeightNodes(exp);
      if (unmapped.length) {
        notes.push(`Trained weights not exported: no PyTorch weight mapping yet for ${unmapped.map((n) => `${n.node.kind} (${n.node.id})`).join(', ')}.`);
      } else {
        await write(WEIGHTS_NPZ, pytorchWeightsNpz(req.model, exp));
        notes.push(`${WEIGHTS_NPZ}: LayerLab's weights; continue from them with --weights ${WEIGHTS_NPZ}.`);
      }
    }
  } else {
    const exp = generateKerasScript(req.graph, shapes);
    await write(KERAS_SCRIPT, exp.script);
    notes.push(...exp.warnings);
  }
  if (req.dataset) {
    await write(DATA_NPZ, datasetToNpz(req.dataset));
    notes.push(`${DATA_NPZ}: the ${req.dataset.train.size} training and ${req.dataset.validation?.size ?? 0} validation samples LayerLab loaded.`);
  } else {
    notes.push(`No ${DATA_NPZ} written: pass --data FILE.npz or --data-dir DIR to the script.`);
  }
  return { files, notes };
}

/** model.onnx, built completely in memory first: a node ONNX cannot express stops it before any file is written. */
async function exportOnnx(req: ExportRequest): Promise<ExportResult> {
  if (!req.model) throw new Error('ONNX export needs a built model (trained weights or fresh ones)');
  const exp = exportOnnxModel(req.graph, req.model, req.shapes ?? req.dataset?.shapes);
  await fs.mkdir(req.outDir, { recursive: true });
  const file = path.join(req.outDir, ONNX_FILE);
  await writeFileAtomic(file, exp.bytes);
  const describe = (t: { name: string; dims: (number | string)[] }) => `${t.name} [${t.dims.join(', ')}]`;
  return {
    files: [file],
    notes: [
      `${ONNX_FILE}: ONNX opset ${exp.opset}, float32 inputs ${exp.inputs.map(describe).join(', ')}; outputs ${exp.outputs.map(describe).join(', ')} ('batch' is dynamic).`,
    ],
  };
}
