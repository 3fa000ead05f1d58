// Starts the web host (npm run serve without the build step) with a throw-away data folder and hands its
// URL (with the per-start token) to the specs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const home = mkdtempSync(join(tmpdir(), 'layerlab-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main/web/serve.ts'), '--port', '0'], {
    cwd: root,
    // Dataset downloads go to a closed loopback port: the specs see the offline message, never the internet.
    env: { ...process.env, LAYERLAB_HOME: home, LAYERLAB_DATASET_MIRROR: 'http://127.0.0.1:9/' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not print its URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  process.env.LAYERLAB_URL = url;
  process.env.LAYERLAB_E2E_HOME = home;
  return async () => {
    child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
  };
}
