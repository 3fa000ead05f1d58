import type { LayerBuilder } from '../../types';
import { attentionBuilder } from './attention';
import { multiHeadAttentionBuilder } from './multi-head-attention';
import { positionalEncodingBuilder } from './positional-encoding';
import { transformerEncoderBlockBuilder } from './transformer-encoder-block';
import { transformerDecoderBlockBuilder } from './transformer-decoder-block';

export const attentionBuilders: LayerBuilder[] = [
  attentionBuilder,
  multiHeadAttentionBuilder,
  positionalEncodingBuilder,
  transformerEncoderBlockBuilder,
  transformerDecoderBlockBuilder,
] as unknown as LayerBuilder[];
