// layerlab-custom-layers.js: an ES module that registers LayerLab's own tfjs layer classes (CausalPad1D, the
// attention/transformer layers and the weight-tying pair) so users can load exported models in Node or a browser:
//   import * as tf from '@tensorflow/tfjs'; import './layerlab-custom-layers.js';
//   const model = await tf.loadLayersModel('model.json');
// Built from src-main/engine/custom with esbuild (tfjs stays an external import), once per process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CUSTOM_LAYERS_FILE = 'layerlab-custom-layers.js';

/** Class names of LayerLab's custom layers as they appear in model.json. */
export const LAYERLAB_CUSTOM_CLASS_NAMES = [
  'CausalPad1D',
  'LayerLabSelectStep',
  'LayerLabAttention',
  'LayerLabMultiHeadAttention',
  'LayerLabPositionalEncoding',
  'LayerLabTransformerEncoder',
  'LayerLabTransformerDecoder',
  'LayerLabTiedEmbedding',
  'LayerLabTiedDense',
];

const CUSTOM_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../engine/custom');

let cached: Promise<string> | null = null;

export function customLayersSource(): Promise<string> {
  cached ??= bundle().catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}

async function bundle(): Promise<string> {
  const esbuild = await import('esbuild');
  const entry = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { causalPad1DClass } from './conv-causal-pad';",
    "import { selectStepClass } from './select-step';",
    "import { REGISTERED_CUSTOM_CLASS_NAMES } from './register';",
    'causalPad1DClass(tf);',
    'selectStepClass(tf);',
    "export const LAYERLAB_CUSTOM_LAYERS = ['CausalPad1D', 'LayerLabSelectStep', ...REGISTERED_CUSTOM_CLASS_NAMES];",
  ].join('\n');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: CUSTOM_DIR, sourcefile: 'layerlab-custom-layers.ts', loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const header = [
    '// LayerLab custom layers for TensorFlow.js. Import this module once before tf.loadLayersModel:',
    "//   import * as tf from '@tensorflow/tfjs';",
    "//   import './layerlab-custom-layers.js';",
    '// In a browser without a bundler, map @tensorflow/tfjs with an import map (e.g. to the tfjs ESM build).',
    '',
  ].join('\n');
  return header + result.outputFiles[0].text;
}
