// A small language model with its output head tied to the token embedding (TiedDense), on the bundled
// sample text: an LSTM between the two uses of the matrix, a head with a bias, and a second Embedding that is
// not tied (so the exporters must tie the right one). Used by the export tests.
import { GRAPH_FORMAT, GRAPH_VERSION, type GraphFile } from '../../../shared/graph/types';
import { SAMPLE_TEXT_PATH } from '../../../shared/templates/transformers';
import { TEXT_VOCAB } from '../../../shared/data/vocab';

const V = TEXT_VOCAB.size;
const CONTEXT = 16;

export const tiedLmGraph: GraphFile = {
  format: GRAPH_FORMAT,
  version: GRAPH_VERSION,
  name: 'tied head',
  nodes: [
    { id: 'x', kind: 'Input', params: { feature: 'x', shape: [CONTEXT] }, position: { x: 0, y: 0 } },
    { id: 'wte', kind: 'Embedding', params: { inputDim: V, outputDim: 12 }, position: { x: 240, y: 0 } },
    { id: 'other', kind: 'Embedding', params: { inputDim: V, outputDim: 12 }, position: { x: 240, y: 160 } },
    { id: 'sum', kind: 'Add', params: {}, position: { x: 480, y: 0 } },
    { id: 'lstm', kind: 'LSTM', params: { units: 12, returnSequences: true }, position: { x: 720, y: 0 } },
    { id: 'lm_head', kind: 'TiedDense', params: { tiedTo: 'wte', activation: 'softmax', useBias: true }, position: { x: 960, y: 0 } },
    { id: 'y', kind: 'Output', params: { target: 'y' }, position: { x: 1200, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'x', sourceHandle: 'out', target: 'wte', targetHandle: 'in' },
    { id: 'e2', source: 'x', sourceHandle: 'out', target: 'other', targetHandle: 'in' },
    { id: 'e3', source: 'wte', sourceHandle: 'out', target: 'sum', targetHandle: 'in' },
    { id: 'e4', source: 'other', sourceHandle: 'out', target: 'sum', targetHandle: 'in' },
    { id: 'e5', source: 'sum', sourceHandle: 'out', target: 'lstm', targetHandle: 'in' },
    { id: 'e6', source: 'lstm', sourceHandle: 'out', target: 'lm_head', targetHandle: 'in' },
    { id: 'e7', source: 'lm_head', sourceHandle: 'out', target: 'y', targetHandle: 'in' },
  ],
  dataset: {
    id: 'char-text', representation: 'sequence', labels: 'int', normalization: 'none', validationSplit: 0.1, limit: 160, seed: 7,
    options: { path: SAMPLE_TEXT_PATH, context: CONTEXT, stride: 4 },
  },
  training: {
    epochs: 1, batchSize: 16, optimizer: 'adam', learningRate: 0.01, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], backend: 'cpu',
  },
};

export const TIED_GRAPHS = [tiedLmGraph];
