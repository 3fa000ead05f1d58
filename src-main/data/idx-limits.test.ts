// IDX files whose header lies: a header is checked against the file's size before describeDataset trusts its
// dimensions, and a gzip file decompresses only up to the size its header declares (a gzip bomb stops there
// instead of inflating hundreds of megabytes first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdxUbyte } from './idx';
import { describeDataset, loadDataset } from './index';
import { testConfig } from './testConfig';
import { tempDir, writeIdxSet } from './testFiles';

let dir = '';
beforeAll(async () => {
  dir = await tempDir('idx-limits');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An IDX header declaring `dims` of unsigned bytes, followed by `body` bytes of zeros. */
function idxWithBody(dims: number[], body: number): Uint8Array {
  const header = encodeIdxUbyte(dims, new Uint8Array(0));
  const out = new Uint8Array(header.length + body);
  out.set(header);
  return out;
}

describe('IDX headers are checked against the file', () => {
  const cfg = (path: string) => testConfig('fashion-mnist', { options: { path } });

  it('describeDataset refuses 4294967295 images in a file of a few kilobytes, naming the file', async () => {
    const folder = join(dir, 'huge-count');
    await writeIdxSet(folder, 10, 5, false);
    const images = join(folder, 'train-images-idx3-ubyte');
    await writeFile(images, idxWithBody([4294967295, 28, 28], 7840));
    await expect(describeDataset(cfg(folder))).rejects.toThrow(
      `${images}: its header declares dimensions 4294967295x28x28 (3367254359296 bytes), but the file has 7856 bytes`,
    );
  });

  it('describeDataset checks the label files too: a lying header, a wrong rank, a count that does not match', async () => {
    const folder = join(dir, 'labels');
    await writeIdxSet(folder, 10, 5, false);
    const labels = join(folder, 'train-labels-idx1-ubyte');
    await writeFile(labels, idxWithBody([4294967295], 10));
    await expect(describeDataset(cfg(folder))).rejects.toThrow(`${labels}: its header declares dimensions 4294967295`);
    await writeFile(labels, encodeIdxUbyte([5, 2], new Uint8Array(10)));
    await expect(describeDataset(cfg(folder))).rejects.toThrow(`${labels}: expected unsigned-byte labels [count], got ubyte 5x2`);
    const testLabels = join(folder, 't10k-labels-idx1-ubyte');
    await writeIdxSet(folder, 10, 5, false);
    await writeFile(testLabels, encodeIdxUbyte([4], new Uint8Array(4)));
    await expect(describeDataset(cfg(folder))).rejects.toThrow(`${testLabels}: 4 labels for 5 images in ${join(folder, 't10k-images-idx3-ubyte')}`);
  });

  it('describeDataset refuses a gzip file declaring more than any gzip of its size can hold', async () => {
    const folder = join(dir, 'gz-claims');
    await writeIdxSet(folder, 10, 5, true);
    const images = join(folder, 't10k-images-idx3-ubyte.gz');
    const packed = gzipSync(idxWithBody([100_000_000, 28, 28], 784));
    await writeFile(images, packed);
    await expect(describeDataset(cfg(folder))).rejects.toThrow(
      `${images}: its header declares dimensions 100000000x28x28 (78400000016 bytes), but a ${packed.length}-byte gzip file holds at most ${packed.length * 1032} bytes`,
    );
  });

  it('a gzip bomb stops at the size its header declares', async () => {
    const folder = join(dir, 'bomb');
    await writeIdxSet(folder, 10, 5, true);
    const images = join(folder, 'train-images-idx3-ubyte.gz');
    // 10 images declared (7,856 bytes), 64 MB of zeros behind them: 64 KB compressed.
    await writeFile(images, gzipSync(idxWithBody([10, 28, 28], 64 * 1024 * 1024)));
    await expect(loadDataset(cfg(folder), { cacheDir: join(dir, 'cache') })).rejects.toThrow(
      `${images}: decompresses to more than the 7856 bytes its header declares (dimensions 10x28x28); stopped there`,
    );
  });
});
