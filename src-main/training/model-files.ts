// Saves and loads a tfjs model as model.json + weights.bin in a folder, without tfjs-node
// (a custom IOHandler, see TFJS-NOTES). Files are written atomically (files/atomic-write.ts).
import fs from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { writeFileAtomic } from '../files/atomic-write';

type TF = typeof tfTypes;
type IOHandler = tfTypes.io.IOHandler;

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

function joinBuffers(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), offset);
    offset += p.byteLength;
  }
  return out;
}

export function folderSaveHandler(dir: string): IOHandler {
  return {
    async save(artifacts) {
      await fs.mkdir(dir, { recursive: true });
      const weights = joinBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
      const modelJson = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        modelTopology: artifacts.modelTopology,
        trainingConfig: artifacts.trainingConfig,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
      };
      // Weights first: a model.json never points at a weights file that is not there yet.
      await writeFileAtomic(path.join(dir, WEIGHTS_BIN), weights);
      await writeFileAtomic(path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology ?? {}).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
  };
}

export function folderLoadHandler(dir: string, tf: TF): IOHandler {
  return {
    async load() {
      const json = JSON.parse(await fs.readFile(path.join(dir, MODEL_JSON), 'utf8')) as tfTypes.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const buffers = await Promise.all(
          manifest.flatMap((group) => group.paths).map((p) => fs.readFile(path.join(dir, p))),
        );
        const joined = Buffer.concat(buffers);
        return [manifest.flatMap((group) => group.weights), joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength)];
      });
    },
  };
}

export async function saveModelToFolder(model: tfTypes.LayersModel, dir: string): Promise<void> {
  await model.save(folderSaveHandler(dir), { includeOptimizer: true });
}

export async function loadModelFromFolder(dir: string, tf: TF): Promise<tfTypes.LayersModel> {
  return tf.loadLayersModel(folderLoadHandler(dir, tf));
}
