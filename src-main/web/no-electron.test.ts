// The web host must run without Electron: nothing it imports, directly or through other modules, may import it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** Every module reachable from `entry` by runtime imports (type-only imports are erased, so skipped). */
function runtimeImports(entry: string): { files: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      if (/^\s*(?:import|export)\s+type\s/.test(m[0].trimStart())) continue;
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) {
        const resolved = resolveLocal(file, spec);
        if (resolved) queue.push(resolved);
      } else {
        packages.set(spec, path.relative(process.cwd(), file));
      }
    }
  }
  return { files: [...seen], packages };
}

describe('web host imports', () => {
  it('never reach Electron', () => {
    const { files, packages } = runtimeImports(path.resolve(__dirname, 'serve.ts'));
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.includes(`${path.sep}electron${path.sep}`))).toBe(false);
    expect(packages.has('electron'), `electron imported by ${packages.get('electron')}`).toBe(false);
    expect(packages.has('ws')).toBe(true);
  });

  it('the check itself sees Electron in the Electron entry', () => {
    const { packages } = runtimeImports(path.resolve(__dirname, '../electron/main.ts'));
    expect(packages.get('electron')).toBeDefined();
  });
});
