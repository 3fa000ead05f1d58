#!/usr/bin/env node
// `npm test`: the browser build, then every check in two tracks that run at the same time, because neither
// keeps both cores busy on its own: the unit tests (vitest, two forks that often wait on Python, child processes
// and timers) and, one after the other, the type check, the lint and the end-to-end tests (one browser, about one
// core). Run one after the other they left about half the machine idle (measured in CI: 27.8 CPU minutes in 26.9
// minutes on 2 cores).
// A step that fails stops its own track; the other track still finishes, so one run reports every failure.
// Each output line is prefixed with its track; the end prints how long each step took.
// Usage: node scripts/test-all.mjs            (exit 0 when every step passed, else 1)
import { spawn } from 'node:child_process';

/**
 * Runs first, alone: the browser build that the e2e tests and scripts/start.test.ts both use. Built while the
 * tracks ran, the two would write out/renderer-web at the same time (start.test builds when it finds none).
 */
const BEFORE = { name: 'build', steps: ['build:web'] };
/** npm scripts; the steps of one track run in order, the tracks side by side. */
const TRACKS = [
  { name: 'unit', steps: ['test:unit'] },
  { name: 'check', steps: ['typecheck', 'lint', 'test:e2e:built'] },
];

const started = Date.now();
const seconds = (from) => ((Date.now() - from) / 1000).toFixed(0);
const children = new Set();

/** Writes a child's output line by line (a chunk may end mid-line), each line prefixed with `tag`. */
function prefixed(tag, out) {
  let rest = '';
  return {
    write(chunk) {
      const lines = (rest + chunk.toString()).split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`${tag} ${line}\n`);
    },
    end() {
      if (rest) out.write(`${tag} ${rest}\n`);
      rest = '';
    },
  };
}

/** Runs `npm run <script>`; resolves with its exit code (1 when it could not start or was killed). */
function runScript(track, script) {
  return new Promise((resolve) => {
    const tag = `[${track}]`.padEnd(8);
    const child = spawn('npm', ['run', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so an interrupt reaches the test runners' own children too.
      detached: process.platform !== 'win32',
      shell: process.platform === 'win32',
    });
    children.add(child);
    const out = prefixed(tag, process.stdout);
    const err = prefixed(tag, process.stderr);
    child.stdout.on('data', (c) => out.write(c));
    child.stderr.on('data', (c) => err.write(c));
    child.on('error', (e) => err.write(`could not start npm run ${script}: ${e.message}\n`));
    child.on('close', (code) => {
      out.end();
      err.end();
      children.delete(child);
      resolve(code ?? 1);
    });
  });
}

async function runTrack(track) {
  const times = [];
  for (const script of track.steps) {
    const from = Date.now();
    const code = await runScript(track.name, script);
    times.push({ script, seconds: seconds(from), code });
    if (code !== 0) break;
  }
  return { track: track.name, times };
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) {
      try {
        process.kill(process.platform === 'win32' ? child.pid : -child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    process.exit(1);
  });
}

const before = await runTrack(BEFORE);
const built = before.times.every((t) => t.code === 0);
// Without a build the e2e step cannot run (it is reported as not run); the other steps still do.
const tracks = built ? TRACKS : TRACKS.map((t) => ({ ...t, steps: t.steps.filter((s) => s !== 'test:e2e:built') }));
const results = [before, ...(await Promise.all(tracks.map(runTrack)))];
const failed = [];
console.log(`\ntest-all: ${seconds(started)} s in total`);
for (const { track, times } of results) {
  const steps = [BEFORE, ...TRACKS].find((t) => t.name === track).steps;
  const line = steps.map((s) => {
    const t = times.find((x) => x.script === s);
    if (!t) return `${s} not run (an earlier step failed)`;
    if (t.code !== 0) failed.push(`${s} (exit ${t.code})`);
    return `${s} ${t.seconds} s${t.code === 0 ? '' : ' FAILED'}`;
  });
  console.log(`  ${track}: ${line.join(', ')}`);
}
if (failed.length) {
  console.log(`test-all: failed: ${failed.join(', ')}`);
  process.exit(1);
}
