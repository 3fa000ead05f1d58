// .npy / .npz round trips, and archives numpy itself wrote (np.savez with its zip64 headers, np.savez_compressed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy, decodeNpz, encodeNpy, encodeNpz } from './npz';
import { runPython, torchPython } from './testing/python';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'layerlab-npz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npz', () => {
  const arrays = {
    w: { data: Float32Array.from([1.5, -2, 3.25, 4, 5, 6]), shape: [2, 3] },
    ids: { data: Int32Array.from([7, -8]), shape: [2] },
    scalar: { data: Float64Array.from([0.125]), shape: [] },
  };

  for (const compress of [true, false]) {
    it(`round-trips arrays (${compress ? 'deflated' : 'stored'})`, () => {
      const back = decodeNpz(encodeNpz(arrays, { compress }));
      expect(Object.keys(back)).toEqual(['w', 'ids', 'scalar']);
      for (const [k, a] of Object.entries(arrays)) {
        expect(back[k].shape, k).toEqual(a.shape);
        expect(Array.from(back[k].data), k).toEqual(Array.from(a.data));
        expect(back[k].data.constructor, k).toBe(a.data.constructor);
      }
    });
  }

  it('names what is wrong with a broken file', () => {
    expect(() => decodeNpz(Buffer.from('not a zip at all, just text'), 'w.npz')).toThrow(/w\.npz: not a zip archive/);
    const npy = Buffer.from(encodeNpy({ data: Float32Array.from([1, 2, 3, 4]), shape: [4] }));
    expect(() => decodeNpy(npy.subarray(0, npy.length - 4), 'cut.npy')).toThrow(/cut\.npy: shape \[4\] needs 16 bytes/);
    expect(() => decodeNpy(Buffer.from('hello world!'), 'x.npy')).toThrow(/x\.npy: not a \.npy array/);
  });

  const python = torchPython();
  if (!python) console.warn('Skipping the numpy-written .npz cases: no python3 with torch (and numpy) here.');
  it.skipIf(!python)('reads what numpy writes: np.savez (zip64 headers), np.savez_compressed, int64 and float64', () => {
    const script = `
import numpy as np, sys
a = np.arange(12, dtype=np.float32).reshape(3, 4) / 8
np.savez(sys.argv[1], a=a, n=np.array(5, dtype=np.int64), d=np.array([0.5, -1.0]))
with open(sys.argv[2], "wb") as f:
    np.savez_compressed(f, a=a, b=np.zeros((2, 0, 3), dtype=np.float32))
`;
    const plain = path.join(tmp, 'plain.npz');
    const packed = path.join(tmp, 'packed.npz');
    const run = runPython(python!, ['-c', script, plain, packed]);
    expect(run.status, run.stderr).toBe(0);
    const p = decodeNpz(readFileSync(plain), 'plain.npz');
    expect(p.a.shape).toEqual([3, 4]);
    expect(Array.from(p.a.data)).toEqual(Array.from({ length: 12 }, (_, i) => i / 8));
    expect(p.n).toEqual({ data: Int32Array.from([5]), shape: [] });
    expect(Array.from(p.d.data)).toEqual([0.5, -1]);
    const c = decodeNpz(readFileSync(packed), 'packed.npz');
    expect(Array.from(c.a.data)).toEqual(Array.from(p.a.data));
    expect(c.b.shape).toEqual([2, 0, 3]);
    expect(c.b.data.length).toBe(0);
  });
});
