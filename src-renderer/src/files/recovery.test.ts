// The recovery copy's session id and host calls (recovery.ts) with a fake api client: a stored id is reused, a
// missing or malformed one is replaced and kept, no localStorage falls back to one shared session, and a host that
// cannot be reached makes writeRecovery say so (false) and clearRecovery carry on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fakeApi = vi.hoisted(() => ({ readRecovery: vi.fn(), writeRecovery: vi.fn(), clearRecovery: vi.fn() }));
vi.mock('../api', () => ({ api: fakeApi }));

const SESSION_KEY = 'layerlab.recoverySession';
const storage = new Map<string, string>();
const localStorageFake = {
  getItem: (k: string) => storage.get(k) ?? null,
  setItem: (k: string, v: string) => void storage.set(k, v),
};

/** A fresh module: the session id is cached per page load. */
async function load() {
  vi.resetModules();
  return import('./recovery');
}

const copy = { savedAt: 1, dirtySince: 1 } as unknown as import('./recovery').RecoveryCopy;

beforeEach(() => {
  storage.clear();
  vi.stubGlobal('localStorage', localStorageFake);
  for (const f of Object.values(fakeApi)) f.mockReset();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('recoverySession', () => {
  it('reuses the id an earlier start stored, and asks the host for that copy', async () => {
    storage.set(SESSION_KEY, 'abc_DEF-123');
    const r = await load();
    expect(r.recoverySession()).toBe('abc_DEF-123');
    fakeApi.readRecovery.mockResolvedValue({ copy: null });
    await expect(r.readRecovery()).resolves.toEqual({ copy: null });
    expect(fakeApi.readRecovery).toHaveBeenCalledWith({ session: 'abc_DEF-123' });
  });

  it('makes a new id when none is stored, keeps it for the next start, and caches it for this one', async () => {
    const r = await load();
    const id = r.recoverySession();
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(storage.get(SESSION_KEY)).toBe(id);
    storage.set(SESSION_KEY, 'changed-elsewhere');
    expect(r.recoverySession()).toBe(id); // read once per page load
    expect((await load()).recoverySession()).toBe('changed-elsewhere'); // the next start reads it again
  });

  it('replaces a stored id the host would refuse (bad characters, too long, empty)', async () => {
    for (const bad of ['../etc', 'a b', 'x'.repeat(65), '']) {
      storage.set(SESSION_KEY, bad);
      const id = (await load()).recoverySession();
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(storage.get(SESSION_KEY)).toBe(id);
    }
    storage.set(SESSION_KEY, 'y'.repeat(64)); // the longest allowed is kept
    expect((await load()).recoverySession()).toBe('y'.repeat(64));
  });

  it('uses the shared "default" session when localStorage throws (storage disabled)', async () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
    });
    expect((await load()).recoverySession()).toBe('default');
  });

  it('makes a valid id without crypto.randomUUID (an insecure http page)', async () => {
    vi.stubGlobal('crypto', {});
    const r = await load();
    const id = r.recoverySession();
    expect(id).toMatch(/^s[a-z0-9]+$/);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(storage.get(SESSION_KEY)).toBe(id);
  });
});

describe('writeRecovery and clearRecovery', () => {
  it('writeRecovery sends the copy under this session and says true', async () => {
    storage.set(SESSION_KEY, 'sess1');
    const r = await load();
    fakeApi.writeRecovery.mockResolvedValue(undefined);
    await expect(r.writeRecovery(copy)).resolves.toBe(true);
    expect(fakeApi.writeRecovery).toHaveBeenCalledWith({ session: 'sess1', copy });
  });

  it('writeRecovery says false (to be tried again) when the host is unreachable, with a warning', async () => {
    const r = await load();
    fakeApi.writeRecovery.mockRejectedValue(new Error('disconnected'));
    await expect(r.writeRecovery(copy)).resolves.toBe(false);
    expect(console.warn).toHaveBeenCalledWith('Could not write the recovery copy:', 'disconnected');
  });

  it('clearRecovery removes this session\'s copy, and a failure only warns', async () => {
    storage.set(SESSION_KEY, 'sess2');
    const r = await load();
    fakeApi.clearRecovery.mockResolvedValue(undefined);
    await r.clearRecovery();
    expect(fakeApi.clearRecovery).toHaveBeenCalledWith({ session: 'sess2' });
    fakeApi.clearRecovery.mockRejectedValue('gone');
    await expect(r.clearRecovery()).resolves.toBeUndefined();
    expect(console.warn).toHaveBeenCalledWith('Could not remove the recovery copy:', 'gone');
  });
});
