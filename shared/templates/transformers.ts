// Transformer templates: an encoder classifier and a small GPT-style character model.
import type { Template } from '.';
import { chainGraph, datasetConfig, trainingConfig } from './build';
import { TEXT_VOCAB } from '../data/vocab';
import { DESCRIBE_KEY, withLiveDescription } from './describe';

const encoderDescription =
  'Input [28, 28] rows -> Dense 32 (row embedding) -> sinusoidal positions -> 2 x TransformerEncoderBlock (4 heads, ff 64) -> GlobalAveragePooling1D -> Dense 10 softmax.';

export const transformerClassifier: Template = {
  id: 'transformer-encoder-mnist',
  name: 'Transformer encoder classifier',
  description: encoderDescription,
  explanation:
    'Each of the 28 image rows becomes a token: a Dense layer embeds it in 32 dimensions, and a sinusoidal ' +
    'positional encoding is added because self-attention by itself does not know the order of tokens. In each ' +
    'encoder block, multi-head self-attention lets every row look at every other row (4 heads, each with its own ' +
    'query/key/value projections), followed by a per-token feed-forward network; both have residual connections ' +
    'and LayerNorm. Averaging the tokens gives one vector for the classifier (a Vision-Transformer-like model with ' +
    'rows as patches).',
  tryNext: [
    'Switch the positional encoding to learned, or remove it: how much does order matter for digits?',
    'Change the number of heads (1, 2, 4, 8) at a fixed model size.',
    'Try normFirst (pre-norm) with a higher learning rate.',
  ],
  graph: chainGraph({
    name: 'Transformer encoder classifier',
    description: encoderDescription,
    steps: [
      { id: 'rows', kind: 'Input', params: { feature: 'x', shape: [28, 28] }, label: '28 row tokens' },
      { id: 'embed', kind: 'Dense', params: { units: 32, activation: 'linear' }, label: 'Row embedding' },
      { id: 'positions', kind: 'PositionalEncoding', params: { mode: 'sinusoidal', maxLength: 28 } },
      { id: 'encoder', kind: 'TransformerEncoderBlock', params: { layers: 2, heads: 4, keyDim: 0, ffDim: 64, dropout: 0.1 }, label: '2 x encoder block' },
      { id: 'pool', kind: 'GlobalAveragePooling1D' },
      { id: 'classes', kind: 'Dense', params: { units: 10, activation: 'softmax' } },
      { id: 'label', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({ id: 'mnist-bundled', representation: 'matrix' }),
    training: trainingConfig({ epochs: 10, batchSize: 64, learningRate: 0.002 }),
  }),
};

/** Public-domain sample text bundled with the app (path relative to the app folder). */
export const SAMPLE_TEXT_PATH = 'resources/samples/shakespeare-sonnets.txt';
export const CHAR_CONTEXT = 64;
const V = TEXT_VOCAB.size;

/** The output head reuses the Embedding's matrix (weight tying, as GPT); the description is written from the graph. */
const charGptGraph = (() => {
  const graph = chainGraph({
    name: 'Tiny GPT on characters',
    description: '',
    steps: [
      { id: 'tokens', kind: 'Input', params: { feature: 'x', shape: [CHAR_CONTEXT] }, label: `Character ids [${CHAR_CONTEXT}]` },
      { id: 'token_embedding', kind: 'Embedding', params: { inputDim: V, outputDim: 64 } },
      { id: 'positions', kind: 'PositionalEncoding', params: { mode: 'learned', maxLength: CHAR_CONTEXT } },
      { id: 'decoder', kind: 'TransformerDecoderBlock', params: { layers: 2, heads: 4, keyDim: 0, ffDim: 128, dropout: 0.1 }, label: '2 x decoder block' },
      { id: 'lm_head', kind: 'TiedDense', params: { tiedTo: 'token_embedding', activation: 'softmax' }, label: 'Output head (tied)' },
      { id: 'next_char', kind: 'Output', params: { target: 'y' } },
    ],
    dataset: datasetConfig({
      id: 'char-text', representation: 'sequence', labels: 'int', normalization: 'none',
      options: { path: SAMPLE_TEXT_PATH, context: CHAR_CONTEXT, stride: 8 },
    }),
    training: trainingConfig({ epochs: 20, batchSize: 32, learningRate: 0.002, loss: 'sparseCategoricalCrossentropy' }),
  });
  return withLiveDescription({ ...graph, extras: { [DESCRIBE_KEY]: 'gpt-chain' } });
})();

/** What the app can do with a trained language model (the Try panel and `layerlab predict --generate`). */
export const GENERATION_NOTE =
  'A trained model of this kind writes text by feeding itself its own output: predict the next character, sample ' +
  'one, append it, repeat. After training, press Try it (Training or Runs tab), type a prompt and Generate: every ' +
  'generated character shows the distribution it was drawn from, and temperature and top-k change how it is drawn ' +
  '(top-k 1 always takes the most probable). From a terminal: layerlab predict --run RUN_ID --text "PROMPT" --generate 200.';

export const charGpt: Template = {
  id: 'char-gpt',
  name: 'Tiny GPT on characters',
  description: charGptGraph.description ?? '',
  textParams: { context: CHAR_CONTEXT, samplePath: SAMPLE_TEXT_PATH },
  explanation:
    'A decoder-only Transformer, the structure of GPT at toy size. Characters become ids, the Embedding turns ' +
    'each into a 64-number vector, and a learned position vector is added. The decoder blocks use CAUSAL ' +
    'self-attention: position i may only attend to positions 0..i, so the target at every position (the next ' +
    'character) cannot be read off the input. One sample of {{context}} characters therefore trains {{context}} predictions. ' +
    GENERATION_NOTE + ' ' +
    'The dataset reads {{samplePath}} (Shakespeare sonnets, public domain); point Path at any .txt file.',
  tryNext: [
    'Give it a bigger text file (a whole book) and train for longer.',
    'Add layers or widen the embedding, and compare with the GPT-1/2/3 templates to see how the count grows.',
    'Turn on normFirst and add a final LayerNormalization, as GPT-2 does.',
  ],
  graph: charGptGraph,
};
