// Registry of ONNX emitters. Each category folder exports its list; add a kind there, not here.
import type { OnnxEmitter } from './types';
import { coreOnnx } from './core';
import { convOnnx } from './conv';
import { recurrentOnnx } from './recurrent';
import { attentionKindsOnnx } from './attention';

export const ALL_ONNX_EMITTERS: OnnxEmitter[] = [...coreOnnx, ...convOnnx, ...recurrentOnnx, ...attentionKindsOnnx];

const byKind = new Map(ALL_ONNX_EMITTERS.map((e) => [e.kind, e]));

export function getOnnxEmitter(kind: string): OnnxEmitter | undefined {
  return byKind.get(kind);
}

export function onnxKinds(): string[] {
  return [...byKind.keys()];
}
