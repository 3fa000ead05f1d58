#!/usr/bin/env node
// `npm start`: builds and launches the desktop app. Electron's binary is downloaded by its own install script,
// which cannot reach its server on every machine: then this tries the download once more and, if the binary is
// still missing, says so plainly and points to the browser version (`npm run serve`).
// `npm start -- --check` only reports whether the binary is there (exit 0) or not (exit 1).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const checkOnly = process.argv.includes('--check');

/** The Electron executable, or null when it is not installed. */
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** Runs Electron's own install script once; returns why it failed, or null. */
function tryDownload() {
  if (!existsSync(join(electronDir, 'install.js'))) return 'the electron package is not installed (run npm install)';
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'skipped because ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  console.log("Electron's binary is missing; trying its download once...");
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.error) return result.error.message;
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
  // The first line of the stack is the error itself, e.g. "RequestError: getaddrinfo ENOTFOUND github.com".
  return lines.find((l) => !l.startsWith('at ')) ?? `install.js exited with code ${result.status}`;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

let binary = electronBinary();
if (!binary) {
  const failure = tryDownload();
  binary = electronBinary();
  if (!binary) {
    console.error(
      `Electron's binary is not installed (download failed: ${failure ?? 'the binary is still missing after the download'}). ` +
        'Run the browser version instead: npm run serve, then open the printed URL.',
    );
    process.exit(1);
  }
}
if (checkOnly) {
  console.log(`Electron's binary is installed: ${binary}`);
  process.exit(0);
}

run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
const app = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
