// Parameters shared by the encoder and decoder block kinds.
import type { ParamSpec } from '../types';
import { FF_ACTIVATIONS } from './common';

export type TransformerBlockParams = {
  layers: number;
  heads: number;
  keyDim: number;
  ffDim: number;
  dropout: number;
  normFirst: boolean;
  activation: string;
};

export const transformerBlockParamSpecs: { [K in keyof TransformerBlockParams]: ParamSpec } = {
  layers: { type: 'int', label: 'Layers (N x)', default: 1, min: 1, max: 1000, help: 'Stack N identical blocks in this node, like "N x" in the paper figure.' },
  heads: { type: 'int', label: 'Heads', default: 4, min: 1, max: 1024, help: 'Attention heads h.' },
  keyDim: { type: 'int', label: 'Key dim', default: 0, min: 0, max: 65536, help: 'Size of each head; 0 = d / heads (d must divide evenly).' },
  ffDim: { type: 'int', label: 'Feed-forward dim', default: 0, min: 0, max: 1_000_000, help: 'Hidden size of the feed-forward network; 0 = 4 x d (the paper\'s ratio).' },
  dropout: { type: 'float', label: 'Dropout', default: 0.1, min: 0, max: 0.9, help: 'Dropout on attention weights and on each sub-layer output while training.' },
  normFirst: { type: 'bool', label: 'Pre-norm', default: false, help: 'Off: x = LN(x + f(x)) (original Transformer, GPT-1). On: x = x + f(LN(x)) (GPT-2/3; add a final LayerNormalization after the stack).' },
  activation: { type: 'enum', label: 'FF activation', options: FF_ACTIVATIONS, default: 'relu', help: 'Activation of the first feed-forward layer (GPT uses gelu).' },
};

export function resolveFfDim(d: number, ffDim: number): number {
  return ffDim > 0 ? ffDim : 4 * d;
}
