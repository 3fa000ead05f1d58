// Keras export: one script per test graph (together every kind with a Keras generator) parses as Python
// (TensorFlow cannot be installed here, so the script is not run), carries LayerLab's settings, and a kind
// without a generator is refused by name.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates';
import { ALL_LAYERS } from '../../../shared/layers';
import { KIND_GRAPHS } from '../testing/graphs';
import { anyPython } from '../testing/python';
import { ALL_KERAS_GENERATORS, getKerasGenerator } from '.';
import { ATTENTION_GRAPHS } from '../pytorch/attention/test-graphs';
import { TIED_GRAPHS } from '../testing/tied-graphs';
import { ALL_PY_GENERATORS } from '../pytorch';
import { generateKerasScript } from './script';

const python = anyPython();
if (!python) console.warn('Skipping the Keras syntax checks: no python3 here.');
const GRAPHS = [getTemplate('mlp-mnist')!.graph, ...KIND_GRAPHS];

describe('Keras export', () => {
  it('supports the same kinds as the PyTorch export, all of them real layer kinds, all used by a test graph', () => {
    const kinds = ALL_KERAS_GENERATORS.map((g) => g.kind).sort();
    expect(kinds).toEqual(ALL_PY_GENERATORS.map((g) => g.kind).sort());
    const layerKinds = new Set(ALL_LAYERS.map((d) => d.kind));
    expect(kinds.filter((k) => !layerKinds.has(k))).toEqual([]);
    // The attention kinds are checked in ../pytorch/attention.test.ts on ATTENTION_GRAPHS, TiedDense in ../tied.test.ts.
    const used = new Set([...GRAPHS, ...ATTENTION_GRAPHS, ...TIED_GRAPHS].flatMap((g) => g.nodes.map((n) => n.kind)));
    expect(kinds.filter((k) => !used.has(k))).toEqual([]);
  });

  it.skipIf(!python)('every test graph gives a syntactically valid Python script', () => {
    for (const g of GRAPHS) {
      const { script } = generateKerasScript(g);
      const r = spawnSync(python!, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: script, encoding: 'utf8' });
      expect(r.status, `${g.name}: ${r.stderr}`).toBe(0);
    }
  });

  // The layers themselves are checked call by call, with Python's ast, in keras-structure.test.ts.
  it('writes the hyperparameters and the distribution flag', () => {
    const { script } = generateKerasScript(KIND_GRAPHS[2]);
    expect(script).toContain('tf.distribute.MirroredStrategy()');
    expect(script).toContain('"loss": "categorical_crossentropy"');
    expect(script).toContain('"layerlab_params": 2986');
  });

  it('a kind without a generator is refused with its name', () => {
    // Every layer kind has a generator now, so ask for one that does not exist.
    expect(() => getKerasGenerator('NoSuchKind', 'n1')).toThrow(/Keras export does not support layer kind 'NoSuchKind' \(node n1\)/);
  });
});
