import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from './atomic-write';
import { GraphFileAccessError, readGraphFileText, withGraphExtension, writeGraphFile } from './graph-files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const listing = (): string[] => fs.readdirSync(dir).sort();

describe('writeFileAtomic', () => {
  it('creates a file and replaces an existing one, leaving no temporary files', async () => {
    const target = path.join(dir, 'g.layerlab.json');
    await writeFileAtomic(target, '{"v":1}');
    expect(fs.readFileSync(target, 'utf8')).toBe('{"v":1}');
    await writeFileAtomic(target, '{"v":2}');
    expect(fs.readFileSync(target, 'utf8')).toBe('{"v":2}');
    expect(listing()).toEqual(['g.layerlab.json']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const target = path.join(dir, 'g.json');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o640);
    await writeFileAtomic(target, 'new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o640);
  });

  it('leaves the old file untouched and removes the temp file when writing fails midway', async () => {
    const target = path.join(dir, 'g.json');
    fs.writeFileSync(target, 'precious');
    let tempSeen = '';
    const failingFs: AtomicFs = {
      ...{ rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat },
      open: (async (p: string, flags: string, mode?: number) => {
        tempSeen = p;
        const handle = await fsp.open(p, flags, mode);
        // Half the content reaches the disk, then the disk is "full".
        handle.writeFile = async (data: string | Uint8Array) => {
          await fsp.appendFile(p, String(data).slice(0, 3));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        };
        return handle;
      }) as AtomicFs['open'],
    };
    await expect(writeFileAtomic(target, 'replacement', failingFs)).rejects.toThrow(/ENOSPC/);
    expect(path.dirname(tempSeen)).toBe(dir);
    expect(fs.readFileSync(target, 'utf8')).toBe('precious');
    expect(listing()).toEqual(['g.json']);
  });

  it('leaves the target untouched when the final rename fails', async () => {
    const target = path.join(dir, 'a-folder');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'inside.txt'), 'kept');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(fs.readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('kept');
    expect(listing()).toEqual(['a-folder']);
  });
});

describe('graph files', () => {
  it('round-trips text and names the file in errors', async () => {
    const file = path.join(dir, 'x.layerlab.json');
    await writeGraphFile(file, '{"format":"layerlab-graph"}\n');
    expect(await readGraphFileText(file)).toBe('{"format":"layerlab-graph"}\n');
    await expect(readGraphFileText(path.join(dir, 'missing.json'))).rejects.toThrow(`${path.join(dir, 'missing.json')}: cannot open: the file does not exist`);
    await expect(readGraphFileText(dir)).rejects.toThrow(/this is a folder, not a file/);
    await expect(writeGraphFile(path.join(dir, 'no-such-dir', 'y.json'), '{}')).rejects.toBeInstanceOf(GraphFileAccessError);
    await expect(writeGraphFile(path.join(dir, 'no-such-dir', 'y.json'), '{}')).rejects.toThrow(/not saved \(the folder does not exist\); the previous file, if any, is unchanged/);
  });

  it('adds the .layerlab.json extension where it is missing', () => {
    expect(withGraphExtension('mlp')).toBe('mlp.layerlab.json');
    expect(withGraphExtension('mlp.layerlab')).toBe('mlp.layerlab.json');
    expect(withGraphExtension('mlp.layerlab.json')).toBe('mlp.layerlab.json');
    expect(withGraphExtension('  ')).toBe('untitled.layerlab.json');
  });
});

describe('PathGrants', () => {
  it('allows writing only to absolute paths granted before', async () => {
    const { PathGrants } = await import('./path-grants');
    const grants = new PathGrants();
    grants.grant('/home/u/a.layerlab.json');
    expect(grants.isGranted('/home/u/a.layerlab.json')).toBe(true);
    expect(grants.isGranted('/home/u/x/../a.layerlab.json')).toBe(true);
    expect(grants.isGranted('/home/u/.bashrc')).toBe(false);
    expect(grants.isGranted('a.layerlab.json')).toBe(false);
  });
});
