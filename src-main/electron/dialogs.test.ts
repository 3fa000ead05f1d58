// The desktop dialogs (dialogs.ts) with Electron's dialog faked and real files in a temporary folder: Open reads
// what the user picked and grants it; Save writes without asking only to a path the user picked or opened before,
// so a page cannot name a file to overwrite; cancelling changes nothing; the dataset-read question defaults to No.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';

const fake = vi.hoisted(() => {
  const state = {
    answers: [] as unknown[],
    asked: [] as { kind: string; withWindow: boolean; options: Record<string, unknown> }[],
    documents: '',
  };
  const ask = (kind: string) => async (...args: unknown[]) => {
    const withWindow = args.length === 2;
    state.asked.push({ kind, withWindow, options: args[args.length - 1] as Record<string, unknown> });
    return state.answers.shift();
  };
  const electron = {
    app: { getPath: () => state.documents },
    dialog: { showOpenDialog: ask('open'), showSaveDialog: ask('save'), showMessageBox: ask('message') },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

import { confirmDatasetRead, createElectronFiles, pickExportFolder } from './dialogs';

let dir = '';
const win = {} as BrowserWindow;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerlab-dialogs-'));
  fake.state.documents = dir;
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(() => {
  fake.state.answers = [];
  fake.state.asked = [];
});

describe('open and save dialogs', () => {
  it('Open: cancelled changes nothing; a picked file is read and may then be saved to without a dialog', async () => {
    const files = createElectronFiles(() => win);
    fake.state.answers.push({ canceled: true, filePaths: [] });
    await expect(files.open()).resolves.toEqual({ canceled: true });

    const file = path.join(dir, 'picked.layerlab.json');
    await writeFile(file, '{"graph":1}');
    fake.state.answers.push({ canceled: false, filePaths: [file] });
    await expect(files.open()).resolves.toEqual({ canceled: false, path: file, content: '{"graph":1}' });
    expect(fake.state.asked.map((a) => [a.kind, a.withWindow])).toEqual([['open', true], ['open', true]]);

    await expect(files.save({ path: file, suggestedName: 'x', content: '{"graph":2}' })).resolves.toEqual({ canceled: false, path: file });
    expect(fake.state.asked).toHaveLength(2); // no save dialog
    expect(await readFile(file, 'utf8')).toBe('{"graph":2}');
  });

  it('Save to a path the page names but the user never picked asks first, and cancelling writes nothing', async () => {
    const files = createElectronFiles(() => null);
    const victim = path.join(dir, 'not-granted.txt');
    await writeFile(victim, 'precious');
    fake.state.answers.push({ canceled: true });
    await expect(files.save({ path: victim, suggestedName: 'x', content: 'overwritten' })).resolves.toEqual({ canceled: true });
    expect(fake.state.asked).toEqual([{ kind: 'save', withWindow: false, options: expect.objectContaining({ defaultPath: victim }) }]);
    expect(await readFile(victim, 'utf8')).toBe('precious');
  });

  it('Save of a new graph suggests its name in Documents and adds the graph extension to what the user typed', async () => {
    const files = createElectronFiles(() => win);
    fake.state.answers.push({ canceled: false, filePath: path.join(dir, 'mine') });
    const saved = await files.save({ path: null, suggestedName: 'my net.layerlab.json', content: '{}' });
    expect(fake.state.asked[0].options.defaultPath).toBe(path.join(dir, 'my net.layerlab.json'));
    expect(saved).toEqual({ canceled: false, path: path.join(dir, 'mine.layerlab.json') });
    expect(await readFile(path.join(dir, 'mine.layerlab.json'), 'utf8')).toBe('{}');
    expect(files.grants.isGranted(path.join(dir, 'mine.layerlab.json'))).toBe(true);
  });

  it('a file that cannot be opened is a clear api error and is not granted', async () => {
    const files = createElectronFiles(() => win);
    const missing = path.join(dir, 'gone.json');
    fake.state.answers.push({ canceled: false, filePaths: [missing] });
    await expect(files.open()).rejects.toThrow(`${missing}: cannot open: the file does not exist`);
    expect(files.grants.isGranted(missing)).toBe(false);
  });
});

describe('export folder and dataset permission', () => {
  it('the export goes into a new sub-folder named after the run; cancel is null', async () => {
    fake.state.answers.push({ canceled: true, filePaths: [] }, { canceled: false, filePaths: [dir] });
    await expect(pickExportFolder(() => win, 'run-1')).resolves.toBeNull();
    await expect(pickExportFolder(() => win, 'run-1')).resolves.toBe(path.join(dir, 'run-1'));
    expect(fake.state.asked[0].options.properties).toEqual(['openDirectory', 'createDirectory']);
  });

  it('reading a dataset path is allowed only by the first button; Cancel is the default and what Escape answers', async () => {
    fake.state.answers.push({ response: 0 }, { response: 1 });
    await expect(confirmDatasetRead(() => win, '/data/x.csv')).resolves.toBe(true);
    await expect(confirmDatasetRead(() => win, '/data/x.csv')).resolves.toBe(false);
    const options = fake.state.asked[0].options;
    expect(options.message).toContain('/data/x.csv');
    expect((options.buttons as string[])[0]).toBe('Allow reading');
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
  });
});
