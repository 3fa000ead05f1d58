// The web host's real services: training and job workers are Node child processes running TypeScript via tsx.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../files/data-dir';
import { createServiceDeps, type ServiceDeps } from '../host-deps';
import { forkJobWorkerFactory, forkWorkerFactory } from './fork-worker';

const PACKAGE_JSON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');

function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function createRealDeps(opts: { dataDir?: string } = {}): ServiceDeps {
  return createServiceDeps({
    host: 'web',
    version: packageVersion(),
    dataDir: opts.dataDir ?? resolveDataDir(),
    spawnWorker: forkWorkerFactory(),
    spawnJobWorker: forkJobWorkerFactory(),
  });
}
