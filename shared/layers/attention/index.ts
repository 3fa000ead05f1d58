import type { LayerDef } from '../types';
import { attentionLayer } from './attention';
import { multiHeadAttentionLayer } from './multi-head-attention';
import { positionalEncodingLayer } from './positional-encoding';
import { transformerEncoderBlockLayer } from './transformer-encoder-block';
import { transformerDecoderBlockLayer } from './transformer-decoder-block';

export const attentionLayers: LayerDef[] = [
  attentionLayer,
  multiHeadAttentionLayer,
  positionalEncodingLayer,
  transformerEncoderBlockLayer,
  transformerDecoderBlockLayer,
] as unknown as LayerDef[];
