// The attention/transformer and weight-tying custom layer classes. Each module registers its class with
// tf.serialization on import; import this file before loading a saved model (else "Unknown layer").
import { AttentionLayer } from './attention';
import { MultiHeadAttentionLayer } from './multi-head-attention';
import { PositionalEncodingLayer } from './positional';
import { TransformerDecoderLayer, TransformerEncoderLayer } from './transformer';
import { TiedDenseLayer, TiedEmbeddingLayer } from './tied';

export const ATTENTION_CUSTOM_LAYERS = [
  AttentionLayer,
  MultiHeadAttentionLayer,
  PositionalEncodingLayer,
  TransformerEncoderLayer,
  TransformerDecoderLayer,
] as const;

/** Class names as they appear in a saved model.json. */
export const ATTENTION_CUSTOM_CLASS_NAMES: string[] = ATTENTION_CUSTOM_LAYERS.map((c) => c.className);

export const TIED_CUSTOM_LAYERS = [TiedEmbeddingLayer, TiedDenseLayer] as const;

/** Every class this file registers, as named in a saved model.json. */
export const REGISTERED_CUSTOM_CLASS_NAMES: string[] = [...ATTENTION_CUSTOM_CLASS_NAMES, ...TIED_CUSTOM_LAYERS.map((c) => c.className)];
