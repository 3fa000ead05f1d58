#!/usr/bin/env node
// Checks the built desktop bundles (electron-vite build -> out/main, out/preload, out/renderer) for things
// that only work on the build machine or in development, before electron-builder packs them:
//   - absolute paths of the build machine (the repo folder, /work/, /root/, the home folder)
//   - dev-server URLs (localhost:5173) and Vite's HMR client (vite/client, import.meta.hot, react-refresh)
//   - source-map references (sourceMappingURL) and .map files naming sources by absolute path
//   - main/worker requiring packages that are not runtime dependencies (devDependencies are not packaged)
//   - a preload requiring more than a sandboxed preload can ('electron', 'events', 'timers', 'url')
//   - renderer/index.html loading assets by absolute URL (breaks on file://) or naming files that do not exist
// Usage: node scripts/check-bundles.mjs [--build] [--out DIR]   (exit 0 clean, 1 problems, 2 usage/missing)
//   --build  run electron-vite build first, into DIR (default out/)
// The electron-builder.yml schema check lives in src-main/electron/packaging.test.ts.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Files every build must have: main.ts loads ../preload/index.js, ../renderer/index.html, worker.js and jobs.js. */
export const REQUIRED = ['main/index.js', 'main/worker.js', 'main/jobs.js', 'preload/index.js', 'renderer/index.html'];
const SANDBOXED_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url']);
const TEXT_EXT = new Set(['.js', '.cjs', '.mjs', '.css', '.html', '.json', '.map']);

/** Patterns that mark development-only code in a bundle; `root` and `home` are this machine's. */
export function devOnlyRules({ root = ROOT, home = os.homedir() } = {}) {
  const literal = (s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const rules = [
    { id: 'repo-path', why: 'absolute path of the repository on the build machine', re: literal(root) },
    { id: 'work-path', why: "absolute '/work/' path of the build machine", re: /(?<![\w.-])\/work\// },
    { id: 'root-path', why: "absolute '/root/' path of the build machine", re: /(?<![\w.-])\/root\// },
    { id: 'dev-server', why: 'Vite dev-server URL', re: /(?:localhost|127\.0\.0\.1):517\d/ },
    { id: 'vite-client', why: "Vite's HMR client", re: /@vite\/client|vite\/client|import\.meta\.hot|__vite_ws|__HMR_|@react-refresh|\$RefreshReg\$/ },
    { id: 'source-map-ref', why: 'source-map reference (maps are not shipped)', re: /[#@]\s*sourceMappingURL=/ },
  ];
  if (home && home !== '/' && home !== '/root') rules.push({ id: 'home-path', why: 'home folder of the build machine', re: literal(home + '/') });
  return rules;
}

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function excerpt(text, index, length) {
  return text.slice(Math.max(0, index - 30), index + length + 30).replace(/\s+/g, ' ');
}

/** Bare module names a CommonJS/ESM bundle loads with a literal specifier. */
export function importedModules(text) {
  const names = new Set();
  // A specifier never holds whitespace: without that rule, `from` at the end of a message string followed by a
  // quote ("a number from ${min}...") reads as an import.
  const re = /\brequire\(\s*["'`]([^"'`\s]+)["'`]\s*\)|\bimport\(\s*["'`]([^"'`\s]+)["'`]\s*\)|\bfrom\s*["']([^"'\s]+)["']|^\s*import\s*["']([^"'\s]+)["']/gm;
  for (const m of text.matchAll(re)) names.add(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return [...names];
}

function packageName(spec) {
  return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
}

function isBuiltin(spec) {
  return spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0]);
}

/**
 * Every problem in the bundles under `outDir`, as { file, line?, rule, message }.
 * `pkg` is the package.json whose dependencies are what the packaged app can require.
 */
export function checkBundles(outDir, { root = ROOT, home = os.homedir(), pkg } = {}) {
  const manifest = pkg ?? JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const runtimeDeps = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.optionalDependencies ?? {}), 'electron']);
  const rules = devOnlyRules({ root, home });
  const problems = [];
  const rel = (f) => path.relative(outDir, f) || f;

  for (const required of REQUIRED) {
    if (!fs.existsSync(path.join(outDir, required))) problems.push({ file: required, rule: 'missing', message: 'missing from the build (run electron-vite build)' });
  }

  for (const sub of ['main', 'preload', 'renderer']) {
    for (const file of walk(path.join(outDir, sub))) {
      const ext = path.extname(file);
      if (!TEXT_EXT.has(ext)) continue;
      const text = fs.readFileSync(file, 'utf8');
      if (ext === '.map') {
        problems.push({ file: rel(file), rule: 'source-map-file', message: 'source map in the bundle (maps are dev-only; electron-builder.yml excludes *.map but it should not be built)' });
        try {
          const sources = JSON.parse(text).sources ?? [];
          const absolute = sources.filter((s) => path.isAbsolute(s.replace(/^file:\/\//, '')));
          if (absolute.length) problems.push({ file: rel(file), rule: 'source-map-abs', message: `names sources by absolute path, e.g. ${absolute[0]}` });
        } catch {
          // An unreadable map is reported above already.
        }
        continue;
      }
      for (const rule of rules) {
        const m = rule.re.exec(text);
        if (m) problems.push({ file: rel(file), line: lineOf(text, m.index), rule: rule.id, message: `${rule.why}: ...${excerpt(text, m.index, m[0].length)}...` });
      }
      if (sub !== 'renderer' && ext !== '.css' && ext !== '.html') {
        for (const spec of importedModules(text)) {
          if (spec.startsWith('.') || spec.startsWith('/')) continue;
          if (sub === 'preload') {
            if (!SANDBOXED_PRELOAD_MODULES.has(spec.replace(/^node:/, ''))) {
              problems.push({ file: rel(file), rule: 'preload-require', message: `requires '${spec}', which a sandboxed preload cannot load (bundle it in; only electron, events, timers, url are allowed)` });
            }
          } else if (!isBuiltin(spec) && !runtimeDeps.has(packageName(spec))) {
            problems.push({ file: rel(file), rule: 'not-a-dependency', message: `requires '${spec}', which is not in dependencies or optionalDependencies, so the packaged app will not have it` });
          }
        }
      }
    }
  }

  const indexHtml = path.join(outDir, 'renderer/index.html');
  if (fs.existsSync(indexHtml)) {
    const html = fs.readFileSync(indexHtml, 'utf8');
    for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)) {
      const ref = m[1];
      if (/^(?:https?:|data:|#)/.test(ref)) continue;
      if (ref.startsWith('/')) {
        problems.push({ file: 'renderer/index.html', line: lineOf(html, m.index), rule: 'absolute-asset', message: `loads '${ref}' by absolute URL, which breaks under file:// (build with base './')` });
      } else if (!fs.existsSync(path.join(outDir, 'renderer', ref.split(/[?#]/)[0]))) {
        problems.push({ file: 'renderer/index.html', line: lineOf(html, m.index), rule: 'missing-asset', message: `loads '${ref}', which is not in the build` });
      }
    }
  }
  return problems;
}

function parseArgs(argv) {
  const o = { build: false, outDir: path.join(ROOT, 'out') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build') o.build = true;
    else if (argv[i] === '--out' && argv[i + 1]) o.outDir = path.resolve(argv[++i]);
    else throw new Error(`Unknown argument '${argv[i]}'. Usage: node scripts/check-bundles.mjs [--build] [--out DIR]`);
  }
  return o;
}

function main() {
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  if (o.build) {
    console.log(`Building with electron-vite into ${o.outDir} (no Electron binary needed) ...`);
    const r = spawnSync(path.join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '--outDir', o.outDir], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`electron-vite build failed (${r.error?.message ?? `exit ${r.status}`})`);
      return 1;
    }
  }
  if (!fs.existsSync(path.join(o.outDir, 'main'))) {
    console.error(`No bundles in ${o.outDir}: build first (npm run build, or pass --build).`);
    return 2;
  }
  const problems = checkBundles(o.outDir);
  const files = ['main', 'preload', 'renderer'].flatMap((s) => walk(path.join(o.outDir, s))).length;
  if (problems.length === 0) {
    console.log(`Bundles OK: ${files} files in ${path.relative(process.cwd(), o.outDir) || '.'}/{main,preload,renderer} carry no development-only paths, URLs or code.`);
    return 0;
  }
  console.error(`${problems.length} problem(s) in the bundles under ${o.outDir}:`);
  for (const p of problems) console.error(`  ${p.file}${p.line ? `:${p.line}` : ''} [${p.rule}] ${p.message}`);
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
