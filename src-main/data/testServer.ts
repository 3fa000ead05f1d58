// A loopback HTTP server for download tests: serves fixed files with Range support and can misbehave on purpose
// (cut a transfer halfway, stall after half, answer 404 for what it does not hold).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { tarBytes, learnableCifarBatch, labelledPixels } from './testFiles';
import { CIFAR_TEST_FILE, CIFAR_TRAIN_FILES } from './cifar';
import { encodeIdxUbyte } from './idx';
import { gzipSync } from 'node:zlib';
import type { DownloadableDataset } from '../../shared/data/downloads';
import { getDownloadable } from '../../shared/data/downloads';

export interface TestFileServer {
  base: string;
  /** Every request: path and Range header. */
  requests: { path: string; range?: string }[];
  /** The next n requests for `name` send half of what they would and drop the connection. */
  cut(name: string, n?: number): void;
  /** Requests for `name` send half, then keep the connection open without sending more. */
  stall(name: string, on?: boolean): void;
  close(): Promise<void>;
}

export async function startFileServer(files: Map<string, Uint8Array>): Promise<TestFileServer> {
  const requests: TestFileServer['requests'] = [];
  const cuts = new Map<string, number>();
  const stalls = new Set<string>();
  const open = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/+/, ''));
    requests.push({ path: name, range: req.headers.range });
    const body = files.get(name);
    if (!body) {
      res.writeHead(404).end('not here');
      return;
    }
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    if (start >= body.length) {
      res.writeHead(416).end();
      return;
    }
    res.writeHead(m ? 206 : 200, {
      'Content-Length': body.length - start,
      ...(m ? { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    const slice = body.subarray(start);
    const half = slice.subarray(0, Math.floor(slice.length / 2));
    if (stalls.has(name)) {
      res.write(half); // and nothing more
      return;
    }
    const left = cuts.get(name) ?? 0;
    if (left > 0) {
      cuts.set(name, left - 1);
      res.write(half, () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(slice);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    cut: (name, n = 1) => cuts.set(name, n),
    stall: (name, on = true) => (on ? stalls.add(name) : stalls.delete(name)),
    close: () => {
      for (const s of open) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

/** Small files in the real formats under the real names, and the catalogue entry pointed at `base` with their digests. */
export async function smallDownloadables(): Promise<{ files: Map<string, Uint8Array>; sets: (base: string) => Record<'cifar10' | 'fashion-mnist', DownloadableDataset> }> {
  const files = new Map<string, Uint8Array>();
  // CIFAR-10: the archive holds cifar-10-batches-bin/ with five training batches of 20 and a test batch of 10.
  const cifar = await tarBytes([
    ...CIFAR_TRAIN_FILES.map((name, i) => ({ name: `cifar-10-batches-bin/${name}`, data: learnableCifarBatch(20, i + 1) })),
    { name: `cifar-10-batches-bin/${CIFAR_TEST_FILE}`, data: learnableCifarBatch(10, 99) },
  ], true);
  files.set('cifar-10-binary.tar.gz', cifar);
  // Fashion-MNIST: the four gzipped IDX files (30 train, 10 test images).
  for (const [prefix, count, seed] of [['train', 30, 1], ['t10k', 10, 2]] as const) {
    const { pixels, labels } = labelledPixels(count, 784, seed);
    files.set(`${prefix}-images-idx3-ubyte.gz`, gzipSync(encodeIdxUbyte([count, 28, 28], pixels)));
    files.set(`${prefix}-labels-idx1-ubyte.gz`, gzipSync(encodeIdxUbyte([count], labels)));
  }
  const pointAt = (id: 'cifar10' | 'fashion-mnist', base: string): DownloadableDataset => {
    const real = getDownloadable(id)!;
    return {
      ...real,
      mirrors: [base],
      files: real.files.map((f) => {
        const data = files.get(f.name)!;
        return { name: f.name, bytes: data.length, sha256: sha256(data), ...(f.md5 ? { md5: md5(data) } : {}) };
      }),
    };
  };
  return { files, sets: (base) => ({ cifar10: pointAt('cifar10', base), 'fashion-mnist': pointAt('fashion-mnist', base) }) };
}
