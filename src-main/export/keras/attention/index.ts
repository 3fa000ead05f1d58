// Keras generators for the attention and transformer kinds.
import type { KerasGenerator } from '../types';
import { attentionKeras } from './attention';
import { multiHeadAttentionKeras } from './multi-head-attention';
import { positionalEncodingKeras } from './positional-encoding';
import { transformerDecoderBlockKeras, transformerEncoderBlockKeras } from './transformer-blocks';

export const attentionKindsKeras: KerasGenerator[] = [
  attentionKeras, multiHeadAttentionKeras, positionalEncodingKeras, transformerEncoderBlockKeras, transformerDecoderBlockKeras,
] as unknown as KerasGenerator[];
