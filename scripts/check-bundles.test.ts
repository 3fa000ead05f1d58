// scripts/check-bundles.mjs, run as CI runs it. Fixture builds prove each rule fires (file and line named);
// the real out/ bundles (built by electron-vite, which needs no Electron binary) must come out clean.
// The electron-builder.yml schema, targets, file association, asarUnpack and icons are checked in
// src-main/electron/packaging.test.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const script = path.join(root, 'scripts/check-bundles.mjs');
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

function check(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
}

/** A minimal clean build: what electron-vite writes, with a runtime dependency, builtins and a chunk. */
function fixture(edit: (write: (file: string, text: string) => void) => void = () => {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-bundles-'));
  temps.push(dir);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('main/index.js', '"use strict";\nconst electron = require("electron");\nconst path = require("node:path");\nconst fs = require("fs");\nrequire("./chunks/a.js");\n');
  // The message string ends a word 'from' with a quote: text, not an import.
  write('main/chunks/a.js', '"use strict";\nconst tf = require("@tensorflow/tfjs");\nconst ws = require("ws/lib/stream");\nconst msg = (o, min) => `must be ${o ? \'above\' : \'from\'} ${min}${o ? \' and at most\' : \' to\'} 9`;\n');
  write('main/worker.js', '"use strict";\nasync function f() { return import("@tensorflow/tfjs-backend-wasm"); }\n');
  write('main/jobs.js', '"use strict";\nrequire("./chunks/a.js");\n');
  write('preload/index.js', '"use strict";\nconst electron = require("electron");\n');
  write('renderer/index.html', '<!doctype html><html><head><script type="module" crossorigin src="./assets/index-1.js"></script>\n<link rel="stylesheet" href="./assets/index-1.css"></head><body><div id="root"></div></body></html>\n');
  write('renderer/assets/index-1.js', 'console.log("app");\n');
  write('renderer/assets/index-1.css', 'body{margin:0}\n');
  edit(write);
  return dir;
}

describe('check-bundles on fixture builds', () => {
  it('passes a clean build', () => {
    const r = check('--out', fixture());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Bundles OK: 8 files/);
  });

  it.each([
    ['a /work/ path of the build machine', 'main/index.js', 'const a = 1;\nconst src = "/work/other/src-main/electron/main.ts";\n', 'main/index.js:2 [work-path]'],
    ['the repository folder', 'main/chunks/a.js', `const p = ${JSON.stringify(path.join(root, 'src-main/x.ts'))};\n`, 'main/chunks/a.js:1 [repo-path]'],
    ['a /root/ path', 'main/worker.js', 'const cache = "/root/.cache/layerlab";\n', 'main/worker.js:1 [root-path]'],
    ['a dev-server URL', 'renderer/assets/index-1.js', 'fetch("http://localhost:5173/");\n', 'renderer/assets/index-1.js:1 [dev-server]'],
    ["Vite's HMR client", 'renderer/assets/index-1.js', 'import "/@vite/client";\nif (import.meta.hot) import.meta.hot.accept();\n', 'renderer/assets/index-1.js:1 [vite-client]'],
    ['a source-map reference', 'main/index.js', 'require("electron");\n//# sourceMappingURL=index.js.map\n', 'main/index.js:2 [source-map-ref]'],
    ['a devDependency required by main', 'main/worker.js', 'const z = require("zustand");\n', "[not-a-dependency] requires 'zustand'"],
    ['a Node module in the sandboxed preload', 'preload/index.js', 'const fs = require("node:fs");\n', "[preload-require] requires 'node:fs'"],
    ['an absolute asset URL', 'renderer/index.html', '<script type="module" src="/assets/index-1.js"></script>', 'renderer/index.html:1 [absolute-asset]'],
    ['an asset missing from the build', 'renderer/index.html', '<script type="module" src="./assets/gone.js"></script>', "[missing-asset] loads './assets/gone.js'"],
  ])('flags %s', (_what, file, text, expected) => {
    const r = check('--out', fixture((write) => write(file, text)));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(expected);
  });

  it('flags shipped source maps that name sources by absolute path, and missing bundles', () => {
    const dir = fixture((write) => write('main/index.js.map', JSON.stringify({ version: 3, sources: ['/home/dev/layerlab/src-main/electron/main.ts'], mappings: '' })));
    fs.rmSync(path.join(dir, 'preload'), { recursive: true });
    const r = check('--out', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('main/index.js.map [source-map-file]');
    expect(r.stderr).toContain('[source-map-abs] names sources by absolute path, e.g. /home/dev/layerlab/src-main/electron/main.ts');
    expect(r.stderr).toContain('preload/index.js [missing] missing from the build');
  });

  it('says what to do when there is no build at all', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'check-bundles-empty-'));
    temps.push(empty);
    const r = check('--out', empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/No bundles in .*: build first \(npm run build, or pass --build\)/);
  });
});

describe('check-bundles on the real desktop build', () => {
  // A fresh electron-vite build of the current sources into a temporary folder (~10 s; out/ is left alone).
  it('finds no development-only paths, URLs or code in the main, preload and renderer bundles', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-bundles-build-'));
    temps.push(outDir);
    const r = check('--build', '--out', outDir);
    expect(r.status, `${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`).toBe(0);
    expect(r.stdout).toMatch(/Bundles OK: \d+ files/);
    for (const f of ['main/index.js', 'main/worker.js', 'main/jobs.js', 'preload/index.js', 'renderer/index.html']) expect(fs.existsSync(path.join(outDir, f))).toBe(true);
  }, 600_000);
});
