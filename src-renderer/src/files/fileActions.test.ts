// File actions (fileActions.ts) with a fake api client: a bad file shows the problem and changes nothing; a good
// one loads and joins the recent list; a model file goes to the host's importer; the desktop Open and Save paths
// (cancel, errors, unsaved changes kept when the user says so, a save dialog outliving an edit) and the menu.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GraphFile } from '../../../shared/graph/types';
import { serializeGraph } from '../../../shared/graph/validate';

const fakeApi = vi.hoisted(() => ({
  importModel: vi.fn(),
  openGraphFile: vi.fn(),
  saveGraphFile: vi.fn(),
  on: () => () => undefined,
}));

vi.mock('../api', async () => {
  const { create } = await import('zustand');
  const useConnection = create(() => ({ status: 'disconnected' as const }));
  const api = new Proxy(fakeApi as Record<string, unknown>, {
    get: (target, key) => (key in target ? target[key as string] : async () => { throw new Error(`not faked: ${String(key)}`); }),
  });
  return { api, useConnection };
});

// Node has no localStorage: a small one, so the recent list really persists between calls.
const storage = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, v),
  removeItem: (k: string) => void storage.delete(k),
});

const { handleMenu, openFile, openRecent, openText, saveFile } = await import('./fileActions');
const { listRecent } = await import('./recent');
const { useAppInfo, useGraphStore, useUi } = await import('../store/stores');
const { newGraph } = await import('../store/defaults');

function graphNamed(name: string): GraphFile {
  const g = newGraph();
  g.name = name;
  return g;
}

const shown = () => useGraphStore.getState().graph.name;
const errorTitle = () => useUi.getState().error?.title ?? null;
const asElectron = (on: boolean) => useAppInfo.setState({ info: on ? ({ host: 'electron' } as never) : null });
/** Lets the awaited api calls and the store updates after them run. */
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  storage.clear();
  vi.clearAllMocks();
  useUi.setState({ toasts: [], error: null, confirm: null });
  useGraphStore.getState().load(graphNamed('current'), '/g/current.layerlab.json');
  asElectron(false);
});

describe('opening file text', () => {
  it('a file that is not a graph shows the problem and keeps the graph on screen; nothing joins the recent list', async () => {
    for (const bad of ['{"nodes": [', '{"format":"layerlab-graph","version":1}', 'not json']) {
      useUi.setState({ error: null });
      expect(await openText(bad, 'bad.json', null)).toBe(false);
      expect(errorTitle()).toBe('Could not open bad.json');
      expect(useUi.getState().error!.message.length).toBeGreaterThan(0);
      expect(shown()).toBe('current');
    }
    expect(listRecent()).toEqual([]);
  });

  it('a graph loads unchanged (clean), remembers its path and joins the recent list with its text', async () => {
    const text = serializeGraph(graphNamed('opened'));
    expect(await openText(text, 'opened.layerlab.json', '/g/opened.layerlab.json')).toBe(true);
    expect(shown()).toBe('opened');
    expect(useGraphStore.getState()).toMatchObject({ dirty: false, filePath: '/g/opened.layerlab.json' });
    expect(listRecent()).toMatchObject([{ name: 'opened.layerlab.json', path: '/g/opened.layerlab.json', content: text }]);
    expect(useUi.getState().toasts.map((t) => t.message)).toContain('Opened opened.layerlab.json');
  });

  it("a Keras / tfjs model file goes to the host's importer and opens as a new unsaved graph", async () => {
    fakeApi.importModel.mockResolvedValueOnce({ graph: graphNamed('my_cnn') });
    const model = JSON.stringify({ modelTopology: { class_name: 'Sequential', config: {} } });
    expect(await openText(model, 'my_cnn.json', '/m/my_cnn.json')).toBe(true);
    expect(fakeApi.importModel).toHaveBeenCalledWith({ content: model, name: 'my_cnn' });
    expect(useGraphStore.getState()).toMatchObject({ dirty: true, filePath: null });
    expect(shown()).toBe('my_cnn');
  });

  it('a model file the importer refuses shows why, removes the "Importing" note and keeps the graph', async () => {
    fakeApi.importModel.mockRejectedValueOnce(new Error('layer kind Conv3D is not supported'));
    expect(await openText(JSON.stringify({ class_name: 'Functional', config: {} }), 'odd.json', null)).toBe(false);
    expect(useUi.getState().error).toEqual({ title: 'Could not import odd.json', message: 'layer kind Conv3D is not supported' });
    expect(useUi.getState().toasts.filter((t) => t.key === 'file')).toEqual([]);
    expect(shown()).toBe('current');
  });
});

describe('desktop Open and Save', () => {
  beforeEach(() => asElectron(true));

  it('Open with unsaved changes asks first; keeping them opens nothing', async () => {
    useGraphStore.setState({ dirty: true });
    const opening = openFile();
    await settle();
    expect(useUi.getState().confirm?.confirmLabel).toBe('Discard');
    useUi.getState().answer(false);
    await opening;
    expect(fakeApi.openGraphFile).not.toHaveBeenCalled();
    expect(shown()).toBe('current');
  });

  it('Open: a cancelled dialog changes nothing; a refused file shows the error; a picked graph loads', async () => {
    fakeApi.openGraphFile.mockResolvedValueOnce({ canceled: true });
    await openFile();
    expect(shown()).toBe('current');
    expect(errorTitle()).toBeNull();

    fakeApi.openGraphFile.mockRejectedValueOnce(new Error('/x.json: cannot open: the file does not exist'));
    await openFile();
    expect(useUi.getState().error).toEqual({ title: 'Could not open the file', message: '/x.json: cannot open: the file does not exist' });
    expect(shown()).toBe('current');

    fakeApi.openGraphFile.mockResolvedValueOnce({ canceled: false, path: '/g/picked.layerlab.json', content: serializeGraph(graphNamed('picked')) });
    await openFile();
    expect(shown()).toBe('picked');
    expect(listRecent()[0]).toMatchObject({ name: 'picked.layerlab.json', path: '/g/picked.layerlab.json' });
  });

  it('Save writes to the file it came from; Save As asks (path null); a cancelled dialog leaves the graph unsaved', async () => {
    useGraphStore.setState({ dirty: true });
    fakeApi.saveGraphFile.mockResolvedValueOnce({ canceled: true });
    await saveFile(true);
    expect(fakeApi.saveGraphFile).toHaveBeenLastCalledWith(expect.objectContaining({ path: null, suggestedName: 'current.layerlab.json' }));
    expect(useGraphStore.getState().dirty).toBe(true);

    fakeApi.saveGraphFile.mockResolvedValueOnce({ canceled: false, path: '/g/current.layerlab.json' });
    await saveFile();
    const req = fakeApi.saveGraphFile.mock.calls.at(-1)![0] as { path: string | null; content: string };
    expect(req.path).toBe('/g/current.layerlab.json');
    expect(JSON.parse(req.content).name).toBe('current');
    expect(useGraphStore.getState().dirty).toBe(false);
    expect(listRecent()[0]).toMatchObject({ name: 'current.layerlab.json', path: '/g/current.layerlab.json' });
  });

  it('an edit made while the save dialog was open keeps the graph marked unsaved', async () => {
    let finish: (v: unknown) => void = () => {};
    fakeApi.saveGraphFile.mockReturnValueOnce(new Promise((r) => (finish = r)));
    const saving = saveFile();
    useGraphStore.getState().load(graphNamed('edited meanwhile'), '/g/current.layerlab.json', { dirty: true });
    finish({ canceled: false, path: '/g/current.layerlab.json' });
    await saving;
    expect(useGraphStore.getState().dirty).toBe(true);
  });

  it('a failed save says why and keeps the graph unsaved', async () => {
    useGraphStore.setState({ dirty: true });
    fakeApi.saveGraphFile.mockRejectedValueOnce(new Error('not saved (disk full); the previous file, if any, is unchanged'));
    await saveFile();
    expect(useUi.getState().error).toEqual({ title: 'Could not save', message: 'not saved (disk full); the previous file, if any, is unchanged' });
    expect(useGraphStore.getState().dirty).toBe(true);
  });
});

describe('recent files and the menu', () => {
  it('a recent file kept without its text (too large) cannot reopen and says to use Open', async () => {
    await openRecent({ name: 'huge.layerlab.json', path: null, at: 1 });
    expect(useUi.getState().error).toEqual({ title: 'Could not reopen huge.layerlab.json', message: 'The file was too large to keep a copy; open it with Open.' });
    expect(shown()).toBe('current');
  });

  it("the menu's open command asks before discarding changes, then opens the file main read", async () => {
    useGraphStore.setState({ dirty: true });
    handleMenu({ type: 'open', path: '/g/menu.layerlab.json', content: serializeGraph(graphNamed('from menu')) });
    await settle();
    useUi.getState().answer(true);
    await settle();
    expect(shown()).toBe('from menu');
  });

  it("the menu's undo and redo reach the editor's history", () => {
    const g = useGraphStore.getState();
    const before = g.graph.nodes.length;
    g.addNode('Dense', { x: 0, y: 0 });
    expect(useGraphStore.getState().graph.nodes.length).toBe(before + 1);
    handleMenu({ type: 'undo' });
    expect(useGraphStore.getState().graph.nodes.length).toBe(before);
    handleMenu({ type: 'redo' });
    expect(useGraphStore.getState().graph.nodes.length).toBe(before + 1);
  });
});
