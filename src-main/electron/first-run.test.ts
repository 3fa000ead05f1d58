import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_RUN_FLAG, firstRunNotice, runFirstRunNotice, shouldShowFirstRunNotice, type FirstRunNotice } from './first-run';

const dirs: string[] = [];
function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-first-run-'));
  dirs.push(dir);
  return path.join(dir, 'data'); // not created yet, like a fresh install
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const wasm = { name: 'wasm' as const, reason: 'Training will use WebAssembly (wasm) because native TensorFlow is not installed.' };

describe('first-run backend notice', () => {
  it('is due on a fresh data folder for wasm and cpu, never for native TensorFlow', () => {
    const dir = tempDataDir();
    expect(shouldShowFirstRunNotice(dir, 'wasm')).toBe(true);
    expect(shouldShowFirstRunNotice(dir, 'cpu')).toBe(true);
    expect(shouldShowFirstRunNotice(dir, 'tensorflow')).toBe(false);
  });

  it('shows once, writes the flag file in the data folder, and stays quiet on the next start', async () => {
    const dir = tempDataDir();
    const shown: FirstRunNotice[] = [];
    const show = async (n: FirstRunNotice) => void shown.push(n);
    expect(await runFirstRunNotice(dir, wasm, show)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(dir, FIRST_RUN_FLAG), 'utf8'))).toMatchObject({ backend: 'wasm' });
    expect(await runFirstRunNotice(dir, wasm, show)).toBe(false);
    expect(shown).toHaveLength(1);
    expect(shouldShowFirstRunNotice(dir, 'cpu')).toBe(false);
  });

  it('does not record a notice whose dialog failed, so it comes back', async () => {
    const dir = tempDataDir();
    await expect(runFirstRunNotice(dir, wasm, async () => Promise.reject(new Error('no display')))).rejects.toThrow('no display');
    expect(shouldShowFirstRunNotice(dir, 'wasm')).toBe(true);
  });

  it('never shows with native TensorFlow and writes nothing', async () => {
    const dir = tempDataDir();
    let calls = 0;
    expect(await runFirstRunNotice(dir, { name: 'tensorflow', reason: 'native' }, async () => void calls++)).toBe(false);
    expect(calls).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('gives the measured speeds for the backend in use, the install command and the reason', () => {
    const w = firstRunNotice(wasm);
    expect(w.message).toMatch(/WebAssembly \(wasm\).*Everything works, only slower/);
    expect(w.detail).toMatch(/about 403 samples\/s on wasm and 82 on cpu \(you are on wasm: about 403\)/);
    expect(w.detail).toMatch(/4,300-5,100 samples\/s/);
    expect(w.detail).toContain('npm install @tensorflow/tfjs-node');
    expect(w.detail).toContain(`Why: ${wasm.reason}`);
    const c = firstRunNotice({ name: 'cpu', reason: 'wasm files missing' });
    expect(c.message).toMatch(/pure-JavaScript cpu backend/);
    expect(c.detail).toMatch(/you are on cpu: about 82/);
  });
});
