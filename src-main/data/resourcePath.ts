// Paths like 'resources/samples/shakespeare-sonnets.txt' (as templates ship them) name a file bundled with the
// app, not one in the current working directory. In development the file sits in the repo's resources/ folder,
// found by walking up from this module (src-main/data in tsx/vitest, out/main once bundled); in a packaged
// app electron-builder copies resources/samples to <process.resourcesPath>/samples (extraResources).
// Absolute paths, other relative paths and bundled names that exist nowhere are returned unchanged.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PREFIX = 'resources/';

function moduleDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return typeof __dirname === 'string' ? __dirname : null;
  }
}

/** Where a 'resources/...' path may live, most specific first. */
export function resourceCandidates(relative: string): string[] {
  const rest = relative.slice(PREFIX.length);
  const out: string[] = [];
  let dir = moduleDir();
  for (let up = 0; dir && up < 6; up++) {
    out.push(path.join(dir, relative));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) out.push(path.join(packaged, rest));
  return out;
}

/** The real location of a bundled 'resources/...' file; any other path as given. */
export function resolveResourcePath(p: string): string {
  // Normalised first: 'resources/../../etc/passwd' names no bundled file, whatever folder it is joined to.
  const normal = path.posix.normalize(p.replace(/\\/g, '/'));
  if (path.isAbsolute(p) || !normal.startsWith(PREFIX)) return p;
  return resourceCandidates(normal).find((c) => existsSync(c)) ?? p;
}
