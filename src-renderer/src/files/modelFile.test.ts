import { describe, expect, it } from 'vitest';
import { bytesToBase64, importedModelName, isOnnxFileName, openedJsonKind } from './modelFile';

describe('opened JSON', () => {
  it('tells tfjs and Keras model files from graph files and anything else', () => {
    expect(openedJsonKind('{"format":"layerlab-graph","nodes":[]}')).toBe('graph');
    expect(openedJsonKind('{"format":"layers-model","modelTopology":{"class_name":"Sequential"}}')).toBe('model');
    expect(openedJsonKind('{"class_name":"Functional","config":{"layers":[]}}')).toBe('model');
    expect(openedJsonKind('{"name":"package","version":"1.0.0"}')).toBe('graph');
    expect(openedJsonKind('[1, 2]')).toBe('graph');
    expect(openedJsonKind('{"nodes": [')).toBe('graph');
  });

  it('names the imported graph after the file', () => {
    expect(importedModelName('my_cnn.json')).toBe('my_cnn');
    expect(importedModelName('model.json')).toBe('Imported model');
    expect(importedModelName('resnet_tiny.onnx')).toBe('resnet_tiny');
  });

  it('recognises .onnx files and sends their bytes as base64, also when larger than one chunk', () => {
    expect(isOnnxFileName('Model.ONNX')).toBe(true);
    expect(isOnnxFileName('model.onnx.json')).toBe(false);
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });
});
