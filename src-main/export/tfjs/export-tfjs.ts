// A tfjs LayersModel as TensorFlow.js Layers files: model.json (format 'layers-model', modelTopology,
// weightsManifest) + weights.bin, the layout `tf.loadLayersModel` reads in Node and browsers and that
// `tensorflowjs_converter --input_format=tfjs_layers_model` accepts. No tfjs-node: a custom IOHandler.
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { CUSTOM_LAYERS_FILE, customLayersSource, LAYERLAB_CUSTOM_CLASS_NAMES } from './custom-layers';
import { writeFileAtomic } from '../../files/atomic-write';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: string | null;
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: tfTypes.io.WeightsManifestEntry[] }[];
}

function joinBuffers(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  const parts = !data ? [] : Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
}

/** Captures what model.save() hands over, so the files can be written with our own layout. */
function captureHandler(sink: { artifacts?: tfTypes.io.ModelArtifacts }): tfTypes.io.IOHandler {
  return {
    async save(artifacts) {
      sink.artifacts = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  };
}

/** Custom LayerLab layer classes the topology uses (they need layerlab-custom-layers.js to load). */
export function customClassesIn(topology: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.class_name === 'string' && LAYERLAB_CUSTOM_CLASS_NAMES.includes(o.class_name)) found.add(o.class_name);
    Object.values(o).forEach(walk);
  };
  walk(topology);
  return [...found].sort();
}

export interface TfjsExportResult {
  files: string[];
  customClasses: string[];
  notes: string[];
}

export async function exportTfjsModel(model: tfTypes.LayersModel, outDir: string): Promise<TfjsExportResult> {
  const sink: { artifacts?: tfTypes.io.ModelArtifacts } = {};
  await model.save(captureHandler(sink), { includeOptimizer: false });
  const a = sink.artifacts;
  if (!a?.modelTopology) throw new Error('tfjs produced no model topology to export');
  const weights = joinBuffers(a.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
  const json: TfjsModelJson = {
    format: 'layers-model',
    generatedBy: a.generatedBy ?? 'TensorFlow.js tfjs-layers',
    convertedBy: a.convertedBy ?? null,
    modelTopology: a.modelTopology as Record<string, unknown>,
    weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: a.weightSpecs ?? [] }],
  };
  await fs.mkdir(outDir, { recursive: true });
  await writeFileAtomic(path.join(outDir, WEIGHTS_BIN), weights);
  await writeFileAtomic(path.join(outDir, MODEL_JSON), JSON.stringify(json));
  const files = [path.join(outDir, MODEL_JSON), path.join(outDir, WEIGHTS_BIN)];
  const customClasses = customClassesIn(json.modelTopology);
  const notes: string[] = [];
  try {
    await writeFileAtomic(path.join(outDir, CUSTOM_LAYERS_FILE), await customLayersSource());
    files.push(path.join(outDir, CUSTOM_LAYERS_FILE));
    if (customClasses.length) {
      notes.push(`The model uses LayerLab layers (${customClasses.join(', ')}): import ${CUSTOM_LAYERS_FILE} before tf.loadLayersModel.`);
    }
  } catch (err) {
    const msg = `Could not write ${CUSTOM_LAYERS_FILE}: ${(err as Error).message}`;
    if (customClasses.length) throw new Error(`${msg} (needed: the model uses ${customClasses.join(', ')})`);
    notes.push(msg);
  }
  return { files, customClasses, notes };
}

