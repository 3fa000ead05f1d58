// Where runs and caches live: LAYERLAB_HOME when set (tests, portable installs), else ~/.layerlab.
import os from 'node:os';
import path from 'node:path';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.LAYERLAB_HOME;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : path.join(os.homedir(), '.layerlab');
}
