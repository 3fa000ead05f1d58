import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { RecoveryCopy } from '../../shared/api';
import type { AtomicFs } from './atomic-write';
import { RecoveryStore } from './recovery-store';

let root: string;
let dir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-recovery-'));
  dir = path.join(root, 'recovery'); // not created yet, like a fresh data folder
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const copy = (over: Partial<RecoveryCopy> = {}): RecoveryCopy => ({
  name: 'My MLP',
  filePath: null,
  content: JSON.stringify({ format: 'layerlab-graph', version: 1, name: 'My MLP', nodes: [{ id: 'dense_1' }] }),
  savedAt: 1_700_000_000_000,
  ...over,
});

describe('RecoveryStore', () => {
  it('writes one file per session into the recovery folder and reads it back', async () => {
    const store = new RecoveryStore(dir);
    await store.write('tab-a', copy());
    await store.write('tab-b', copy({ name: 'Other' }));
    expect(fs.readdirSync(dir).sort()).toEqual(['tab-a.json', 'tab-b.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'tab-a.json'), 'utf8'))).toMatchObject({ format: 'layerlab-recovery', version: 1, name: 'My MLP' });
    expect(await store.read('tab-a')).toEqual({ copy: copy() });
    expect((await store.read('tab-b')).copy?.name).toBe('Other');
    expect(await store.read('tab-c')).toEqual({ copy: null });
  });

  it('writes atomically: a temp file is renamed over the old copy, and a failed write keeps the old copy', async () => {
    const renames: [string, string][] = [];
    let failRename = false;
    const atomicFs: AtomicFs = {
      open: fsp.open,
      unlink: fsp.unlink,
      stat: fsp.stat,
      rename: async (from, to) => {
        renames.push([String(from), String(to)]);
        if (failRename) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return fsp.rename(from, to);
      },
    };
    const store = new RecoveryStore(dir, { atomicFs });
    await store.write('s', copy({ name: 'first' }));
    await store.write('s', copy({ name: 'second' }));
    expect(renames).toHaveLength(2);
    expect(path.dirname(renames[1][0])).toBe(dir);
    expect(path.basename(renames[1][0])).toMatch(/^\.s\.json\.[0-9a-f]+\.tmp$/);
    expect(renames[1][1]).toBe(path.join(dir, 's.json'));
    expect((await store.read('s')).copy?.name).toBe('second');

    // The rename (the step that replaces the file) fails: the previous copy is intact and no temp file is left.
    failRename = true;
    await expect(store.write('s', copy({ name: 'third' }))).rejects.toThrow(/EIO/);
    expect(renames).toHaveLength(3);
    expect(fs.readdirSync(dir)).toEqual(['s.json']);
    expect((await store.read('s')).copy?.name).toBe('second');
  });

  it('keeps the order of writes and clears requested one after another', async () => {
    const store = new RecoveryStore(dir);
    const jobs = [store.write('s', copy({ name: 'a' })), store.write('s', copy({ name: 'b' })), store.clear('s'), store.write('s', copy({ name: 'c' }))];
    await Promise.all(jobs);
    expect((await store.read('s')).copy?.name).toBe('c');
    await Promise.all([store.write('s', copy({ name: 'd' })), store.clear('s')]);
    expect(await store.read('s')).toEqual({ copy: null });
    await expect(store.clear('never-written')).resolves.toBeUndefined();
  });

  it('moves a damaged recovery file aside with a message naming it, and does not offer it again', async () => {
    const store = new RecoveryStore(dir, { now: () => 42 });
    fs.mkdirSync(dir);
    const file = path.join(dir, 's.json');
    fs.writeFileSync(file, '{"format":"layerlab-recovery","version":1,"name":"half-writ');
    const result = await store.read('s');
    expect(result.copy).toBeNull();
    expect(result.problem).toContain(`The recovery file ${file} is damaged (not JSON`);
    expect(result.problem).toContain(`moved to ${path.join(dir, 's.unreadable-42.json')} and ignored`);
    expect(fs.readdirSync(dir)).toEqual(['s.unreadable-42.json']);
    expect(await store.read('s')).toEqual({ copy: null });
    // A new copy is written normally afterwards.
    await store.write('s', copy());
    expect((await store.read('s')).copy?.name).toBe('My MLP');
  });

  it('names what is wrong in a recovery file that is JSON but not a recovery copy', async () => {
    const store = new RecoveryStore(dir);
    fs.mkdirSync(dir);
    const cases: [unknown, RegExp][] = [
      [{ format: 'layerlab-graph', version: 1 }, /not a LayerLab recovery file/],
      [{ format: 'layerlab-recovery', version: 9 }, /version 9, this LayerLab reads version 1/],
      [{ format: 'layerlab-recovery', version: 1, name: 'x', filePath: null, savedAt: 1, content: 'not json' }, /'content' is not JSON/],
      [{ format: 'layerlab-recovery', version: 1, name: 'x', filePath: null, savedAt: 'yesterday', content: '{}' }, /'savedAt' must be a time in ms/],
    ];
    for (const [value, message] of cases) {
      fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify(value));
      const result = await store.read('s');
      expect(result.copy).toBeNull();
      expect(result.problem).toMatch(message);
    }
  });

  it('drops a copy that only repeats the file it came from, and keeps one that differs or whose file is gone', async () => {
    const saved = path.join(root, 'g.layerlab.json');
    const store = new RecoveryStore(dir);
    fs.writeFileSync(saved, copy().content);
    await store.write('s', copy({ filePath: saved }));
    expect(await store.read('s')).toEqual({ copy: null });
    expect(fs.existsSync(store.fileFor('s'))).toBe(false);

    fs.writeFileSync(saved, '{"older":true}');
    await store.write('s', copy({ filePath: saved }));
    expect((await store.read('s')).copy?.filePath).toBe(saved);
    fs.rmSync(saved);
    expect((await store.read('s')).copy?.filePath).toBe(saved);
  });

  // The renderer names filePath, so it may name anything. Before the fix, a FIFO stalled the host's file I/O
  // (the read waits for a writer forever) and /dev/zero grew the host to gigabytes.
  it('never reads a FIFO, a device or a folder named as the file a copy came from: the copy is kept', async () => {
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // Releases a reader stuck on the FIFO (only unfixed code gets there; its test then fails by time-out), so the
    // test process can still end: a writer that opens and closes gives the reader its end of file.
    onTestFinished(() => {
      try {
        fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // ENXIO: nobody is reading it, which is the point
      }
    });
    const store = new RecoveryStore(dir);
    const named = [fifo, root, ...(fs.existsSync('/dev/zero') ? ['/dev/zero'] : [])];
    for (const filePath of named) {
      await store.write('s', copy({ filePath }));
      expect((await store.read('s')).copy?.filePath).toBe(filePath);
    }
  }, 30_000);
});
