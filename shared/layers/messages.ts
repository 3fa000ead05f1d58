// Shape-error and fix texts shared by many layer kinds, as templates with {{values}}. The English message
// (logs, the CLI, tests) is filled in here; the error also carries the template's id and values, so the
// renderer shows the same message from the `layers` catalogue (layers:messages.<id>) in the chosen
// language. A message without an id stays English everywhere. Plurals: <id>_one / <id>_other + count.
import type { Fix, FixAction } from './types';

export const LAYER_MESSAGES = {
  noInput: "{{layer}} has no input: connect a tensor to its 'in' handle.",
  tooManyInputs: '{{layer}} takes one input but {{count}} are connected ({{shapes}}); merge them first with Add or Concatenate.',
  scalarInput: '{{layer}} needs an input with at least one axis, got a scalar {{shape}}.',
  unknownLastAxis: '{{layer}} sizes its weights by the last axis of its input, but that axis is unknown in {{shape}}.',
  mergeNeedsTwo_one: "{{layer}} combines two or more tensors but {{count}} is connected; wire another tensor into 'in'.",
  mergeNeedsTwo_other: "{{layer}} combines two or more tensors but {{count}} are connected; wire another tensor into 'in'.",
  addShapes:
    '{{layer}} needs inputs of the same shape, but input 1 is {{first}} and input {{index}} is {{other}}. ' +
    'Make the last layers produce the same size (e.g. the same Dense units), or use Concatenate to join different sizes.',
  multiplyShapes:
    '{{layer}} needs inputs of the same shape, but input 1 is {{first}} and input {{index}} is {{other}}. ' +
    'Make the branches produce the same size (e.g. the same Dense units).',
  windowTooLarge:
    "{{layer}}: the {{axis}} axis has {{length}} positions but the window spans {{window}}, so 'valid' padding leaves " +
    "no output. Use a smaller kernel/pool or 'same' padding.",
  notAnInteger: "{{layer}}: '{{name}}' must be an integer of at least {{min}}, got {{value}}.",
  strideAndDilation: '{{layer}}: strides {{stride}} and dilation {{dilation}} cannot both be above 1 (TensorFlow does not support it).',
  needSequenceVector:
    '{{layer}} needs a sequence per sample, shaped [time, features], but gets {{shape}} (one flat vector per sample). ' +
    "If this comes from a recurrent layer, turn on its 'Return sequences' so it passes every time step instead of only the last.",
  needSequenceImage:
    '{{layer}} needs a sequence per sample, shaped [time, features], but gets {{shape}} (an image-like tensor). ' +
    'Merge the last two axes so each row becomes one time step.',
  needSequence: '{{layer}} needs a sequence per sample, shaped [time, features], but gets {{shape}}.',
  needImageVector:
    '{{layer}} needs an image per sample, shaped [height, width, channels], but gets {{shape}} (a flat vector). ' +
    'Reshape it back into an image first.',
  needImageMatrix:
    '{{layer}} needs an image per sample, shaped [height, width, channels], but gets {{shape}} (a matrix without a ' +
    'channel axis). Add a channel axis of size 1.',
  needImage: '{{layer}} needs an image per sample, shaped [height, width, channels], but gets {{shape}}.',
  unknownChannels: '{{layer}} sizes its kernel by the channel (last) axis, but it is unknown in {{shape}}.',
  fixSamePadding: "Use 'same' padding",
  fixStrides1: 'Set strides to 1',
  fixDilation1: 'Set dilation to 1',
  fixReshapeRows: 'Insert Reshape to {{shape}} ({{side}} steps of {{side}} features, e.g. image rows)',
  fixReshapeSteps: 'Insert Reshape to {{shape}} ({{steps}} steps of 1 feature)',
  fixReshapeMergeAxes: 'Insert Reshape to {{shape}} ({{steps}} steps of {{features}} features)',
  fixReshapeGrey: 'Insert Reshape to {{shape}} (greyscale image)',
  fixReshapeColour: 'Insert Reshape to {{shape}} (colour image)',
  fixReshapeChannel: 'Insert Reshape to {{shape}} (one channel)',
  fixLoadMatrix: 'Load the dataset as a matrix [{{side}}, {{side}}] (rows as time steps)',
  fixLoadImages: 'Load the dataset as images [height, width, channels]',
  fixRepeatVector: 'Insert RepeatVector (feed the same vector at every step: one-to-many)',
  // Attention and Transformer kinds ({{where}} names the layer and its input, e.g. "Attention query").
  inputNotConnected: '{{where}} is not connected.',
  expectSequence:
    '{{where}} expects a sequence [steps, features] but got {{shape}} (rank {{rank}}). ' +
    'Feed it from an Embedding, a recurrent layer with returnSequences, or a Reshape to [steps, features].',
  unknownFeatures: '{{where}}: the feature size (last dimension) of {{shape}} must be known to create weights.',
  headsAtLeastOne: '{{where}}: heads must be at least 1 (got {{heads}}).',
  headsDivide:
    '{{where}}: model size d = {{d}} is not divisible by heads = {{heads}}, so keyDim = d / heads is not whole. ' +
    'Use a head count that divides {{d}} or set keyDim.',
  keyValueSteps: '{{layer}}: key and value must have the same number of steps, got key {{key}} and value {{value}}.',
  queryKeySize:
    'Attention ({{score}} score): query size {{query}} must equal key size {{key}} to take q.k. ' +
    'Project one of them with a Dense layer, or use the additive score.',
  fixOneHead: 'Use 1 head',
  fixUseHeads: 'Use {{heads}} heads',
  fixSetKeyDim: 'Set keyDim to {{keyDim}}',
  fixDenseBeforeQuery: 'Insert Dense({{units}}) before query',
  fixAdditiveScore: 'Use additive score',
  // Recurrent kinds.
  initialStateBoth: "{{layer}} starts from h0 and c0 together: connect both (e.g. an encoder LSTM's h and c outputs) or neither.",
  initialStateShape:
    "{{layer}}'s initial state {{state}}0 must be [{{units}}] (its units), but gets {{shape}}. " +
    'Encoder and decoder need the same number of units.',
  fixSetUnits: 'Set units to {{units}}',
  repeatSequence:
    "RepeatVector repeats a vector [features], but gets {{shape}}. It is already a sequence; if it comes from a recurrent layer, turn off that layer's 'Return sequences'.",
  repeatFlatten: 'RepeatVector repeats a vector [features], but gets {{shape}}. Flatten it first.',
  fixInsertFlatten: 'Insert Flatten',
  // Reshape, Concatenate, Flatten.
  reshapeTwoInferred: 'Reshape target {{target}} has more than one -1; only one size can be inferred.',
  reshapeBadEntry: 'Reshape target entries must be positive integers or one -1; got {{value}}.',
  reshapeNotDivisible: 'Reshape cannot split the {{count}} values of {{shape}} into {{target}}: {{count}} is not divisible by {{known}}.',
  reshapeCountMismatch:
    'Reshape must keep the number of values: the input {{shape}} has {{count}} values but the target {{target}} has {{known}}.',
  fixUseShape: 'Use {{shape}}',
  fixFlattenTo: 'Flatten to [{{count}}]',
  concatRank: 'Concatenate needs inputs with the same number of axes, but input 1 is {{first}} and input {{index}} is {{other}}.',
  concatBatchAxis: 'Concatenate cannot join along axis 0, the batch axis.',
  concatNoAxis: 'Concatenate axis {{axis}} does not exist for inputs {{shape}} (use 1..{{rank}} or -1..-{{rank}}).',
  concatMismatch:
    'Concatenate along axis {{axis}} needs every other axis to match, but input 1 is {{first}} and input {{index}} is {{other}} ' +
    '(they differ on axis {{differ}}).',
  fixLastAxis: 'Join along the last axis (-1)',
  flattenScalar: 'Flatten needs an input with at least one axis.',
  flattenUnknown:
    'Flatten needs every axis to be known, but {{shape}} has an unknown size; ' +
    'give the Input a fixed length, or use a recurrent or pooling layer to reduce the unknown axis.',
  // Kinds with their own checks.
  inputNoAxis: 'Input needs a shape with at least one axis, e.g. [784].',
  inputBadEntry: 'Input shape entries must be positive integers; got {{value}} in {{shape}}.',
  permuteAxisCount: 'Permute dims {{dims}} list {{listed}} axes but the input {{shape}} has {{rank}}.',
  permuteEachOnce: 'Permute dims {{dims}} must use each of 1..{{rank}} exactly once (axes count from 1, batch excluded).',
  selectStepInteger: "SelectStep: 'step' must be an integer, got {{step}}.",
  selectStepNoTime: 'SelectStep picks one step of a sequence [time, features], but gets {{shape}}, which has no time axis.',
  selectStepRange: 'SelectStep: step {{step}} is outside a sequence of {{length}} steps (use 0..{{last}}, or -1..-{{length}} from the end).',
  fixSelectLastStep: 'Select the last step',
  tiedDenseWidth:
    "Tied Dense multiplies by {{embedding}}'s {{vocab}} x {{width}} matrix, so its input needs {{width}} features " +
    "(the Embedding's vector size), but it gets {{shape}}.",
  fixSetVectorSize: "Set {{embedding}}'s vector size to {{size}}",
  fixInsertDenseBefore: 'Insert Dense {{units}} before it',
  positionalMaxLength:
    'PositionalEncoding: the sequence has {{steps}} steps but the learned table only has maxLength = {{maxLength}} rows (input {{shape}}).',
  fixSetMaxLength: 'Set maxLength to {{steps}}',
  mhaHeadsKeyDim: 'MultiHeadAttention: heads and keyDim must be at least 1.',
  embeddingScalar: 'Embedding needs token ids per sample, e.g. [time], but gets a scalar.',
  // Whole-graph checks (shared/infer.ts): wiring, cycles, the dataset.
  graphNoInput: 'The graph has no Input node: drag one from the palette.',
  graphNoOutput: 'The graph has no Output node: connect your last layer to an Output.',
  graphCycle: 'This node is part of a cycle: a layer cannot feed its own input. Remove one of the wires in the loop.',
  graphLinkDownstream:
    "'{{link}}' names {{target}}, which is computed from this node's output: a link cannot point downstream. Link a node that comes before this one.",
  graphUnknownKind: "Unknown layer kind '{{kind}}'.",
  // A link (NodeRefParam, e.g. Tied Dense's 'Tied to'): {{param}} and {{link}} are the parameter's label and link
  // text, said in the chosen language from paramKind/paramName (messageText).
  linkNotSet: "{{layer}}'s '{{param}}' is not set: choose the {{kinds}} it uses.",
  linkNotSetNone: "{{layer}}'s '{{param}}' is not set: choose the {{kinds}} it uses. There is none in the graph: add one first.",
  linkMissing: "{{layer}}'s '{{param}}' names '{{value}}', which is not in the graph (deleted?): choose another {{kinds}}.",
  linkMissingNone:
    "{{layer}}'s '{{param}}' names '{{value}}', which is not in the graph (deleted?): choose another {{kinds}}. There is none in the graph: add one first.",
  // ...WithArticle values carry English's a/an ('a Dense'); other languages get the bare kind (messageText).
  linkWrongKind: "{{layer}}'s '{{param}}' names {{target}}, {{targetKindWithArticle}}; it needs {{kindsWithArticle}}.",
  linkWrongKindNone:
    "{{layer}}'s '{{param}}' names {{target}}, {{targetKindWithArticle}}; it needs {{kindsWithArticle}}. There is none in the graph: add one first.",
  fixUseNode: 'Use {{node}}',
  noteLinkHolds: '{{link}} with {{node}} (a link, not a wire): this node holds the weights.',
  graphNoSuchHandle: "A wire ends at input '{{handle}}', which {{layer}} does not have.",
  graphConnect: 'Connect something to {{inputs}}.',
  graphOneWire: "Input '{{input}}' takes one wire but has {{wires}}; use Add or Concatenate to merge them.",
  dataNoFeature: "The dataset has no input feature '{{feature}}'; it has {{names}}.",
  dataNoTarget: "The dataset has no target '{{target}}'; it has {{names}}.",
  fixUseName: "Use '{{name}}'",
  dataInputShape: "The dataset gives '{{feature}}' as {{want}} per sample, but this Input says {{have}}.",
  fixSetShape: 'Set shape to {{shape}}',
  dataOutputShape:
    "The model produces {{have}} per sample here, but the dataset's '{{target}}' labels are {{want}}. " +
    'Make the last layer output {{want}}, e.g. Dense with {{units}} units.',
  dataOutputShapeClasses:
    "The model produces {{have}} per sample here, but the dataset's '{{target}}' labels are {{want}} ({{classes}} classes). " +
    'Make the last layer output {{want}}, e.g. Dense with {{units}} units.',
  // Notes shown on nodes.
  noteDenseLastAxis: 'Applied to the last axis (size {{size}}) at each of the {{positions}} positions; add Flatten first to connect every value.',
  noteBatchNormCounts: '{{half}} trainable (gamma, beta) + {{half}} non-trainable (moving mean, variance)',
  noteFlattenVector: 'Input is already a vector: Flatten passes it through unchanged.',
  noteTokenIds: 'Expects integer token ids from 0 to {{last}}; other values are not a valid lookup.',
  noteMaskZero:
    'Id 0 is padding: SimpleRNN, LSTM, GRU and Bidirectional skip those steps. Conv1D and pooling layers ' +
    'ignore the mask in tfjs, so there padded steps still count.',
  noteReceptiveFieldCausal:
    'Receptive field of this layer: {{span}} steps (kernel {{kernel}}, dilation {{dilation}}), so each output sees the current and {{previous}} previous steps. ' +
    'Stacked layers add up: kernel 2 with dilations 1, 2, 4, 8 sees 16 steps (WaveNet).',
  noteReceptiveField:
    'Receptive field of this layer: {{span}} steps (kernel {{kernel}}, dilation {{dilation}}), so each output sees {{span}} neighbouring steps. ' +
    'Stacked layers add up: kernel 2 with dilations 1, 2, 4, 8 sees 16 steps (WaveNet).',
  noteDilatedPatch: 'Each output sees a {{span}} x {{span}} patch (kernel {{kernel}}, dilation {{dilation}}) with {{taps}} taps.',
  noteBlocks: '{{layers}} x block, {{params}} params each',
} as const;

type TemplateId = keyof typeof LAYER_MESSAGES;
/** A message id as the code names it: plural templates without their _one / _other suffix. */
export type LayerMessageId = TemplateId extends infer T ? (T extends `${infer Base}_${'one' | 'other'}` ? Base : T) : never;
export type MessageValues = Record<string, string | number>;

/** Which message, with which values: enough to show it in any language. */
export interface LayerMessage {
  id: LayerMessageId;
  values: MessageValues;
}

function template(id: LayerMessageId, values: MessageValues): string {
  const all = LAYER_MESSAGES as Record<string, string>;
  if (id in all) return all[id];
  return all[`${id}_${values.count === 1 ? 'one' : 'other'}`];
}

/** The English text of a message. */
export function englishMessage(text: LayerMessage): string {
  return template(text.id, text.values).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(text.values[name] ?? `{{${name}}}`));
}

/** Notes for an InferResult: the English texts and, index for index, their catalogue messages. */
export function messageNotes(texts: LayerMessage[]): { notes: string[]; noteTexts: LayerMessage[] } {
  return { notes: texts.map(englishMessage), noteTexts: texts };
}

/** A fix whose label is a catalogue message. */
export function messageFix(id: LayerMessageId, values: MessageValues, action: FixAction): Fix {
  const text = { id, values };
  return { label: englishMessage(text), text, action };
}
