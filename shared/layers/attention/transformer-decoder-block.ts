// Transformer decoder block (optionally N stacked): causal self-attention, optional cross-attention, feed-forward.
import { defineLayer } from '../types';
import { englishMessage, type LayerMessage } from '../messages';
import { decoderBlockParams, expectSequence, resolveHeadDim, transformerBlockWorkingElements } from './common';
import { resolveFfDim, transformerBlockParamSpecs, type TransformerBlockParams } from './transformer-block-params';

export const transformerDecoderBlockLayer = defineLayer<TransformerBlockParams>({
  kind: 'TransformerDecoderBlock',
  label: 'Transformer Decoder',
  category: 'Transformer',
  summary: 'Causal self-attention, cross-attention to memory (optional), feed-forward; N x',
  help: {
    formula:
      'post-norm: x = LN(x + MHA_causal(x)); [x = LN(x + MHA(x, memory))]; x = LN(x + FF(x)). ' +
      'pre-norm: x = x + MHA_causal(LN(x)); [x = x + MHA(LN(x), memory)]; x = x + FF(LN(x)).',
    paramFormula:
      'per block: self-MHA 4*d*h*k + 3*h*k + d, FF 2*d*ff + ff + d, LayerNorms 4*d; with memory of size m add ' +
      'cross-MHA h*k*(2d + 2m) + 3*h*k + d and 2*d; times layers.',
    details:
      'Step t only sees steps <= t (causal mask), so it can be trained to predict the next token. ' +
      'Connect an encoder output to "memory" for a seq2seq Transformer; leave it empty for a decoder-only model (GPT). ' +
      'layers = N puts N identical blocks in one node.',
  },
  params: transformerBlockParamSpecs,
  countParam: 'layers',
  inputs: [
    { id: 'in', label: 'in', kind: 'sequence' },
    { id: 'memory', label: 'memory', kind: 'sequence', optional: true },
  ],
  outputs: [{ id: 'out', label: 'out', kind: 'sequence' }],
  infer(inputs, p) {
    const x = expectSequence(inputs[0]?.[0], 'TransformerDecoderBlock input');
    const memShape = inputs[1]?.[0];
    const memory = memShape ? expectSequence(memShape, 'TransformerDecoderBlock memory') : null;
    const headDim = resolveHeadDim(x.features, p.heads, p.keyDim, 'TransformerDecoderBlock');
    const ffDim = resolveFfDim(x.features, p.ffDim);
    const perBlock = decoderBlockParams({ d: x.features, heads: p.heads, headDim, ffDim }, memory ? memory.features : null);
    const blocks: LayerMessage = { id: 'noteBlocks', values: { layers: p.layers, params: perBlock.toLocaleString('en-US') } };
    return {
      outputs: [[x.steps, x.features]],
      params: perBlock * p.layers,
      workingElements: p.layers * transformerBlockWorkingElements({ d: x.features, heads: p.heads, headDim, ffDim }, x.steps, memory?.steps),
      noteTexts: [blocks], // the second note is names and numbers only
      notes: [
        englishMessage(blocks),
        `${p.heads} heads x ${headDim}, ff ${ffDim}${memory ? ', cross-attention to memory' : ', decoder-only'}`,
      ],
    };
  },
});
