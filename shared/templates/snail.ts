// SNAIL (Mishra et al. 2018, "A Simple Neural Attentive Meta-Learner") at a small size: causal attention blocks
// and temporal-convolution (TC) blocks interleaved as in the paper's few-shot model (Attn, TC, Attn, TC, Attn),
// the class read from the query step. Every piece is an ordinary layer node: a TC block is ceil(log2 T) dense
// blocks, each a gated causal convolution tanh(conv_f) * sigmoid(conv_g) (two Conv1D nodes and a Multiply)
// whose output is concatenated to its input; an attention block is Dense projections to queries, keys and
// values, a causal Attention node, and a Concatenate of its read to the block's input.
import type { Template } from '.';
import { datasetConfig, gridGraph, trainingConfig, withRepeatedBlocks, type PlacedNode, type TemplateBlock, type Wire } from './build';
import { fillText } from './text';

export const SNAIL_WAYS = 5;
export const SNAIL_SHOTS = 1;
/** Values per example of the synthetic classes. */
export const SNAIL_DIMS = 16;
/** Sequence length T: the labelled examples, then the query. */
export const SNAIL_STEPS = SNAIL_WAYS * SNAIL_SHOTS + 1;
const FEATURES = SNAIL_DIMS + SNAIL_WAYS;
const EMBED = 32;
/** Filters D of every dense block. */
export const SNAIL_FILTERS = 16;
/** Dense blocks per TC block: ceil(log2 T), with dilations 2^i for i = 1..ceil(log2 T), as in the paper. */
export const SNAIL_TC_DILATIONS = Array.from({ length: Math.ceil(Math.log2(SNAIL_STEPS)) }, (_, i) => 2 ** (i + 1));
/**
 * Training classes (the most the dataset offers): with this many, a class seldom comes back, so the network cannot
 * memorise prototypes and has to learn to compare. With 200 it memorised them (train 0.88, held out 0.67 at test scale).
 */
export const SNAIL_TRAINING_CLASSES = 10_000;
/** Key (= query) and value sizes of the three attention blocks. */
export const SNAIL_ATTENTION: { key: number; value: number }[] = [
  { key: 16, value: 16 },
  { key: 16, value: 16 },
  { key: 32, value: 32 },
];

/** Nodes and wires of the whole model, placed column by column on the grid. */
function snailGraphParts(): { nodes: PlacedNode[]; wires: Wire[] } {
  const nodes: PlacedNode[] = [
    { id: 'episode', kind: 'Input', params: { feature: 'x', shape: [SNAIL_STEPS, FEATURES] }, col: 0, label: 'Episode: examples, then the query' },
    { id: 'embed', kind: 'Dense', params: { units: EMBED, activation: 'linear' }, col: 1, label: 'Per-step embedding (linear)' },
  ];
  const wires: Wire[] = [['episode', 'embed']];
  let current = 'embed';
  let col = 2;

  const attentionBlock = (n: number) => {
    const { key, value } = SNAIL_ATTENTION[n - 1];
    const p = `attn${n}`;
    nodes.push(
      { id: `${p}_query`, kind: 'Dense', params: { units: key, activation: 'linear' }, col, row: 1, label: `Attn ${n}: queries` },
      { id: `${p}_key`, kind: 'Dense', params: { units: key, activation: 'linear' }, col, row: 2, label: `Attn ${n}: keys` },
      { id: `${p}_value`, kind: 'Dense', params: { units: value, activation: 'linear' }, col, row: 3, label: `Attn ${n}: values` },
      { id: `${p}`, kind: 'Attention', params: { score: 'scaled', causal: true }, col: col + 1, row: 1, label: `Attn ${n}: causal attention` },
      { id: `${p}_out`, kind: 'Concatenate', params: { axis: -1 }, col: col + 2, label: `Attn ${n}: input + read` },
    );
    wires.push(
      [current, `${p}_query`], [current, `${p}_key`], [current, `${p}_value`],
      [`${p}_query`, p, 'out', 'query'], [`${p}_key`, p, 'out', 'key'], [`${p}_value`, p, 'out', 'value'],
      [current, `${p}_out`], [p, `${p}_out`],
    );
    current = `${p}_out`;
    col += 3;
  };

  const tcBlock = (n: number) => {
    for (const d of SNAIL_TC_DILATIONS) {
      const p = `tc${n}_d${d}`;
      const conv = { filters: SNAIL_FILTERS, kernelSize: 2, dilationRate: d, padding: 'causal' };
      nodes.push(
        { id: `${p}_tanh`, kind: 'Conv1D', params: { ...conv, activation: 'tanh' }, col, row: 1, label: `TC ${n}: causal conv d=${d}, tanh` },
        { id: `${p}_gate`, kind: 'Conv1D', params: { ...conv, activation: 'sigmoid' }, col, row: 2, label: `TC ${n}: causal conv d=${d}, sigmoid` },
        { id: `${p}_gated`, kind: 'Multiply', col: col + 1, row: 1, label: `TC ${n}: tanh x sigmoid` },
        { id: `${p}_out`, kind: 'Concatenate', params: { axis: -1 }, col: col + 2, label: `TC ${n}: input + gated (d=${d})` },
      );
      wires.push(
        [current, `${p}_tanh`], [current, `${p}_gate`],
        [`${p}_tanh`, `${p}_gated`], [`${p}_gate`, `${p}_gated`],
        [current, `${p}_out`], [`${p}_gated`, `${p}_out`],
      );
      current = `${p}_out`;
      col += 3;
    }
  };

  attentionBlock(1);
  tcBlock(1);
  attentionBlock(2);
  tcBlock(2);
  attentionBlock(3);
  nodes.push(
    { id: 'query_step', kind: 'SelectStep', params: { step: -1 }, col, label: 'The query step (last)' },
    { id: 'classes', kind: 'Dense', params: { units: SNAIL_WAYS, activation: 'softmax' }, col: col + 1 },
    { id: 'query_class', kind: 'Output', params: { target: 'y' }, col: col + 2 },
  );
  wires.push([current, 'query_step'], ['query_step', 'classes'], ['classes', 'query_class']);
  return { nodes, wires };
}

const { nodes, wires } = snailGraphParts();

/**
 * SNAIL's blocks, recorded so the canvas can show each as one node when the whole model would not read at a
 * useful size: every TC block is a repeated block of gated dense blocks (one per dilation), every attention
 * block a block of one (its queries, keys, values, attention and concatenation).
 */
const snailBlocks: TemplateBlock[] = [1, 2, 3].flatMap((n) => [
  { label: `Attn ${n}: attention block`, repeats: [['query', 'key', 'value', '', 'out'].map((part) => `attn${n}${part ? `_${part}` : ''}`)] },
  ...(n < 3
    ? [{
        label: `TC ${n}: temporal conv block`,
        repeats: SNAIL_TC_DILATIONS.map((d) => ['tanh', 'gate', 'gated', 'out'].map((part) => `tc${n}_d${d}_${part}`)),
        perRepeat: { nodeId: `tc${n}_d${SNAIL_TC_DILATIONS[0]}_tanh`, param: 'dilationRate', formula: '2^(i+1)' },
      }]
    : []),
]);

const attentionSizes = SNAIL_ATTENTION.map((a) => `${a.key}/${a.value}`).join(', ');

const textParams = {
  steps: SNAIL_STEPS, features: FEATURES, ways: SNAIL_WAYS, shots: SNAIL_SHOTS, embed: EMBED, attentionSizes,
  denseBlocks: SNAIL_TC_DILATIONS.length, filters: SNAIL_FILTERS, dilations: SNAIL_TC_DILATIONS.join(', '),
};

const description =
  'Episode [{{steps}}, {{features}}] ({{ways}}-way {{shots}}-shot + query) -> linear Dense {{embed}} per step -> ' +
  'Attn, TC, Attn, TC, Attn (causal attention blocks with key/value sizes {{attentionSizes}}; TC blocks of ' +
  '{{denseBlocks}} gated dense blocks, {{filters}} filters, dilations {{dilations}}) -> ' +
  'Select step (the query, last) -> Dense {{ways}} softmax: the class of the query.';

export const snail: Template = {
  id: 'snail-fewshot',
  name: 'SNAIL few-shot classifier',
  description,
  textParams,
  explanation:
    'Few-shot learning: each sample is a whole episode, N labelled examples (features + one-hot label of its ' +
    "class in this episode) followed by a query with an empty label slot; the model must name the query's class " +
    'from the examples. The classes are synthetic: each is a random prototype vector and its examples are noisy ' +
    'copies. Validation and test episodes use NEW prototypes never seen in training, so the validation accuracy is ' +
    'few-shot accuracy on held-out classes (chance: 1 in N). The network must learn to compare, not to memorise ' +
    'classes: it is a meta-learner. That is why the training episodes draw from 10,000 classes: with 200, each class ' +
    'came back often enough to be memorised, and training accuracy ran far ahead of the held-out one. ' +
    'This is the architecture of Mishra et al. 2018 (SNAIL) at a small size. Two kinds of block alternate, Attn, TC, ' +
    'Attn, TC, Attn, and each block concatenates what it computes to its input, so later blocks see everything ' +
    'before them. A TC (temporal convolution) block is ceil(log2 T) = ' +
    '{{denseBlocks}} dense blocks for an episode of T = {{steps}} steps, with dilations ' +
    '{{dilations}}; each dense block is a gated causal convolution, tanh(conv_f(x)) *' +
    'sigmoid(conv_g(x)) (two Conv1D nodes and a Multiply, as in WaveNet), concatenated to x. An attention block ' +
    'projects every step to a query, a key and a value (three Dense nodes), lets each step attend causally to ' +
    'itself and the steps before it (softmax(q.k / sqrt(d_k)) weights over the values) and concatenates that read ' +
    "to its input: this is how the query finds the example it resembles and copies that example's label. Causal " +
    'means step t sees only steps <= t, so only the last step, the query, has seen the whole episode: the answer is ' +
    'read from that step alone (Select step), then a Dense softmax (the paper\'s final 1x1 convolution) names the ' +
    'class. Differences from the paper: far fewer filters (16 per dense block instead of 128, attention sizes ' +
    '{{attentionSizes}} instead of 64/32, 256/128, 512/256), and the per-step embedding is one linear Dense on' +
    'features and label together instead of a CNN on the image (the paper embeds images; here the examples are ' +
    'vectors). Measured at full scale (8,000 episodes, 10 epochs): see the README table.',
  tryNext: [
    'Delete the third attention block (its three Dense nodes, the Attention and its Concatenate; wire the TC block ' +
      'straight to Select step) and compare the held-out accuracy: the attention blocks do most of the work here.',
    'Set Select step to an earlier step (0): that step has seen only one example, so the answer is a guess.',
    'Raise the dataset noise from 0.6 to 1.0: examples of one class look less alike, the held-out accuracy falls.',
    'Set the training classes to 200: the network starts to memorise classes it has seen; watch training accuracy pull ' +
      'away from validation accuracy (measured at 3,000 episodes, 6 epochs: train 0.88, held out 0.67).',
    'More ways: set ways to 10 (Input [11, 26], and the last Dense to 10 units; T = 11 still needs ' +
      '4 dense blocks, ceil(log2 11) = 4, so add one with dilation 16). Chance drops to 0.1.',
    'Raise shots to 5 (Input [26, 21]; T = 26 needs 5 dense blocks per TC block): more examples per class make the task easier.',
    "Switch to 'Few-shot MNIST episodes' (Input [6, 789]): with only 5 training digits it memorises its episodes and " +
      'stays near chance on the held-out digits. Real few-shot sets have many training classes (Omniglot: 1,200).',
  ],
  graph: withRepeatedBlocks(gridGraph({
    name: 'SNAIL few-shot',
    description: fillText(description, textParams),
    nodes,
    wires,
    dataset: datasetConfig({
      id: 'fewshot-prototypes', representation: 'sequence', normalization: 'none',
      options: { ways: SNAIL_WAYS, shots: SNAIL_SHOTS, episodes: 8000, dims: SNAIL_DIMS, classes: SNAIL_TRAINING_CLASSES },
    }),
    training: trainingConfig({ epochs: 10, batchSize: 32, learningRate: 0.005 }),
  }), snailBlocks),
};
