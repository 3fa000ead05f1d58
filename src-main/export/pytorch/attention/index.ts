// PyTorch generators for the attention and transformer kinds.
import type { PyGenerator } from '../types';
import { attentionPy } from './attention';
import { multiHeadAttentionPy } from './multi-head-attention';
import { positionalEncodingPy } from './positional-encoding';
import { transformerDecoderBlockPy, transformerEncoderBlockPy } from './transformer-blocks';

export const attentionKindsPy: PyGenerator[] = [
  attentionPy,
  multiHeadAttentionPy,
  positionalEncodingPy,
  transformerEncoderBlockPy,
  transformerDecoderBlockPy,
] as unknown as PyGenerator[];
