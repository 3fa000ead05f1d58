// Tied Dense: an output head that reuses an Embedding's matrix (weight tying, Press and Wolf 2017), as GPT-1/2/3
// do. The Embedding's table E (vocab x d) maps ids to vectors; the head maps vectors back to vocab scores with
// the same E: y = f(x E^T + b). One matrix, counted once (at the Embedding), trained by both uses.
// A layer kind of its own rather than a Dense option: its size comes from the Embedding (no units to keep in
// sync), and its count on the canvas is what it adds (0, or the bias), which shows the matrix is not doubled.
import { ShapeError, defineLayer, formatShape } from '../types';
import { IN, OUT, knownLastDim, singleInput } from '../core/common';
import { messageFix } from '../messages';

export const TIED_ACTIVATIONS = ['softmax', 'linear', 'sigmoid'] as const;

export type TiedDenseParams = { tiedTo: string; activation: (typeof TIED_ACTIVATIONS)[number]; useBias: boolean };

export const tiedDenseLayer = defineLayer<TiedDenseParams>({
  kind: 'TiedDense',
  label: 'Tied Dense',
  category: 'Embedding',
  summary: "Output head that reuses an Embedding's matrix (weight tying)",
  help: {
    formula: 'y = f(x E^T + b)   (E: the tied Embedding\'s vocab x d table)',
    paramFormula: '0, or vocab with a bias: E is counted once, at the Embedding',
    details:
      'A language model reads token ids through an Embedding E (vocab x d) and predicts the next token with an ' +
      'output layer d -> vocab. Weight tying uses E for both (the output layer is E transposed): the model has ' +
      'one vocab x d matrix instead of two, and both uses train it. GPT-1, GPT-2 and GPT-3 are built this way; ' +
      'their published parameter counts count the matrix once. The input must have the Embedding\'s vector size d ' +
      'and the output has the vocabulary size. The dashed line on the canvas links the two nodes: it is not a ' +
      'wire, no data flows along it.',
  },
  params: {
    tiedTo: {
      type: 'node',
      kinds: ['Embedding'],
      label: 'Tied to',
      default: '',
      link: 'tied weights',
      help: 'The Embedding whose matrix this layer reuses.',
    },
    activation: {
      type: 'enum',
      label: 'Activation',
      options: TIED_ACTIVATIONS,
      default: 'softmax',
      help: 'softmax turns the scores into next-token probabilities (for cross-entropy); linear keeps raw scores.',
    },
    useBias: { type: 'bool', label: 'Use bias', default: false, help: 'Add a learned bias per vocabulary entry (GPT has none).' },
  },
  inputs: [IN],
  outputs: [OUT],
  infer(inputs, p, links) {
    const x = singleInput(inputs, 'Tied Dense');
    const d = knownLastDim(x, 'Tied Dense');
    const emb = links?.tiedTo;
    // On its own (no graph: quick-add checking what fits a wire) it takes any vector; the vocabulary is unknown.
    if (!emb) return { outputs: [[...x.slice(0, -1), null]], params: 0 };
    const vocab = Number(emb.params.inputDim);
    const width = Number(emb.params.outputDim);
    if (d !== width) {
      throw ShapeError.of('tiedDenseWidth', { embedding: emb.title, vocab, width, shape: formatShape(x) }, [
        messageFix('fixSetVectorSize', { embedding: emb.title, size: d }, { type: 'setParam', nodeId: emb.id, param: 'outputDim', value: d }),
        messageFix('fixInsertDenseBefore', { units: width }, { type: 'insertBefore', handle: 'in', kind: 'Dense', params: { units: width, activation: 'linear' } }),
      ]);
    }
    return {
      outputs: [[...x.slice(0, -1), vocab]],
      params: p.useBias ? vocab : 0,
      notes: [
        `Reuses ${emb.title}'s ${vocab.toLocaleString('en-US')} x ${width.toLocaleString('en-US')} matrix ` +
          `(${(vocab * width).toLocaleString('en-US')} weights, counted there once).`,
      ],
    };
  },
});
