// The template families of the training-speed rows: which template each one trains and how the bench sets
// it up (batch 128, Adam, no validation split, a sample count sized for a few seconds per epoch on wasm).
import fs from 'node:fs';
import path from 'node:path';
import type { BackendChoice, GraphFile } from '../shared/graph/types';
import { getTemplate } from '../shared/templates';
import { writeLearnableCifar } from '../src-main/data/testFiles';

export interface Family {
  key: string;
  /** Row label. */
  label: string;
  template: string;
  /** Training samples (a multiple of the batch size): a few seconds per epoch on wasm after the kernels. */
  samples: number;
}

export const BATCH_SIZE = 128;

export const FAMILIES: Family[] = [
  { key: 'mlp', label: 'MLP 784-1024-512-512-10', template: 'mlp-mnist', samples: 2048 },
  { key: 'cnn', label: 'CNN conv32-pool-conv64-pool-dense128', template: 'cnn-cifar10', samples: 512 },
  { key: 'lstm', label: 'LSTM(64) over 28 rows', template: 'lstm-mnist-rows', samples: 1024 },
  { key: 'transformer', label: 'Transformer encoder (d 32, 4 heads, 2 blocks, 28 tokens)', template: 'transformer-encoder-mnist', samples: 1024 },
  { key: 'gpt', label: 'Tiny GPT (d 64, 4 heads, 2 blocks, 64 tokens)', template: 'char-gpt', samples: 256 },
  { key: 'wavenet', label: 'WaveNet (4 dilated causal convs)', template: 'wavenet-forecast', samples: 4096 },
];

export function familiesByKey(keys: string[] | undefined): Family[] {
  if (!keys) return FAMILIES;
  const unknown = keys.filter((k) => !FAMILIES.some((f) => f.key === k));
  if (unknown.length) throw new Error(`unknown family ${unknown.join(', ')}; known: ${FAMILIES.map((f) => f.key).join(', ')}`);
  return FAMILIES.filter((f) => keys.includes(f.key));
}

/**
 * The family's template graph as the bench trains it: `epochs` epochs of `samples` samples in batches of 128
 * with Adam (the template's learning rate), no validation split, on `backend`. Templates whose data is a
 * folder the user supplies (CIFAR-10) get generated files in that format in `dataDir`.
 */
export async function benchGraph(f: Family, samples: number, epochs: number, backend: BackendChoice, dataDir: string): Promise<GraphFile> {
  const template = getTemplate(f.template);
  if (!template) throw new Error(`family ${f.key}: no template '${f.template}'`);
  const graph = structuredClone(template.graph);
  graph.training = { ...graph.training, epochs, batchSize: BATCH_SIZE, optimizer: 'adam', backend, earlyStopping: undefined, lrSchedule: undefined };
  graph.dataset = { ...graph.dataset, limit: samples, validationSplit: 0 };
  if (graph.dataset.id === 'cifar10') {
    const folder = path.join(dataDir, 'cifar10');
    if (!fs.existsSync(folder)) await writeLearnableCifar(folder, Math.ceil(samples / 5), 100);
    graph.dataset.options = { ...graph.dataset.options, path: folder };
  }
  return graph;
}
