// Where Electron's binary is, and one more try at its download. Electron's own install script downloads the
// binary and cannot reach its server on every machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable inside the electron package folder, or null when it is not installed. */
export function electronBinary(electronDir) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** Runs Electron's own install script once; returns why it failed, or null. */
export function tryDownload(electronDir, cwd) {
  if (!existsSync(join(electronDir, 'install.js'))) return 'the electron package is not installed (run npm install)';
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'skipped because ELECTRON_SKIP_BINARY_DOWNLOAD is set';
  console.log("Electron's binary is missing; trying its download once...");
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd, encoding: 'utf8', timeout: 10 * 60_000 });
  if (result.error) return result.error.message;
  if (result.status === 0) return null;
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean);
  // The first line of the stack is the error itself, e.g. "RequestError: getaddrinfo ENOTFOUND github.com".
  return lines.find((l) => !l.startsWith('at ')) ?? `install.js exited with code ${result.status}`;
}

/** The binary, downloading it once when missing: { binary } or { why } (one line). */
export function findOrDownloadElectron(electronDir, cwd) {
  const present = electronBinary(electronDir);
  if (present) return { binary: present };
  const failure = tryDownload(electronDir, cwd);
  const binary = electronBinary(electronDir);
  if (binary) return { binary };
  return { why: `Electron's binary is not installed (download failed: ${failure ?? 'the binary is still missing after the download'})` };
}
