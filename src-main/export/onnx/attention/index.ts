import type { OnnxEmitter } from '../types';
import { attentionOnnx } from './attention';
import { multiHeadAttentionOnnx } from './multi-head-attention';
import { positionalEncodingOnnx } from './positional-encoding';
import { transformerDecoderBlockOnnx, transformerEncoderBlockOnnx } from './transformer-blocks';

export const attentionKindsOnnx: OnnxEmitter[] = [
  attentionOnnx,
  multiHeadAttentionOnnx,
  positionalEncodingOnnx,
  transformerEncoderBlockOnnx,
  transformerDecoderBlockOnnx,
] as OnnxEmitter[];
