import { describe, expect, it } from 'vitest';
import { importedModelName, openedJsonKind } from './modelFile';

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
  });
});
