// Transformer encoder block (optionally N stacked): self-attention + feed-forward, residuals and layer norms.
import { defineLayer } from '../types';
import { englishMessage, type LayerMessage } from '../messages';
import { encoderBlockParams, expectSequence, resolveHeadDim, transformerBlockWorkingElements } from './common';
import { resolveFfDim, transformerBlockParamSpecs, type TransformerBlockParams } from './transformer-block-params';

export const transformerEncoderBlockLayer = defineLayer<TransformerBlockParams>({
  kind: 'TransformerEncoderBlock',
  label: 'Transformer Encoder',
  category: 'Transformer',
  summary: 'Multi-head self-attention + feed-forward, each with residual and LayerNorm; N x',
  help: {
    formula:
      'post-norm: x = LN(x + MHA(x, x, x)); x = LN(x + FF(x)). pre-norm: x = x + MHA(LN(x)); x = x + FF(LN(x)). ' +
      'FF(x) = W2 act(W1 x + b1) + b2.',
    paramFormula:
      'per block: MHA 4*d*h*k + 3*h*k + d, two LayerNorms 4*d, FF 2*d*ff + ff + d (k = keyDim); times layers.',
    details:
      'The building block of BERT-style encoders. Input and output are both [T, d], so blocks stack. ' +
      'Use a PositionalEncoding before the first block. layers = N puts N identical blocks in one node.',
  },
  params: transformerBlockParamSpecs,
  countParam: 'layers',
  inputs: [{ id: 'in', label: 'in', kind: 'sequence' }],
  outputs: [{ id: 'out', label: 'out', kind: 'sequence' }],
  infer(inputs, p) {
    const x = expectSequence(inputs[0]?.[0], 'TransformerEncoderBlock input');
    const headDim = resolveHeadDim(x.features, p.heads, p.keyDim, 'TransformerEncoderBlock');
    const ffDim = resolveFfDim(x.features, p.ffDim);
    const perBlock = encoderBlockParams({ d: x.features, heads: p.heads, headDim, ffDim });
    const blocks: LayerMessage = { id: 'noteBlocks', values: { layers: p.layers, params: perBlock.toLocaleString('en-US') } };
    return {
      outputs: [[x.steps, x.features]],
      params: perBlock * p.layers,
      workingElements: p.layers * transformerBlockWorkingElements({ d: x.features, heads: p.heads, headDim, ffDim }, x.steps),
      notes: [englishMessage(blocks), `${p.heads} heads x ${headDim}, ff ${ffDim}`],
      noteTexts: [blocks], // the second note is names and numbers only
    };
  },
});
