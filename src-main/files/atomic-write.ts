// Atomic file writes: the new content goes to a temporary file in the same folder, is flushed to disk (fsync),
// then renamed over the target in one step. A failure at any point (a full disk included) removes the temporary
// file and leaves the existing target exactly as it was; readers never see a half-written file. Every file the
// app keeps (graphs, recovery copies, run records, trained weights, experiments, exports) is written this way.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { FileWriteError } from './fs-errors';

/** The file-system calls used, replaceable in tests to simulate a failure mid-write. */
export interface AtomicFs {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
  stat: typeof fsp.stat;
}

const realFs: AtomicFs = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink, stat: fsp.stat };

export function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${crypto.randomBytes(6).toString('hex')}.tmp`);
}

/** Throws FileWriteError (naming `target`, keeping the system error's code) when anything fails. */
export async function writeFileAtomic(target: string, content: string | Uint8Array, fs: AtomicFs = realFs): Promise<void> {
  const temp = tempPathFor(target);
  // Keep the permissions of the file being replaced (default 0o666 minus umask for a new one).
  const mode = await fs.stat(target).then((s) => s.mode & 0o777, () => 0o666);
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fs.open(temp, 'wx', mode); // 'wx': never follow or reuse an existing file
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => {});
    await fs.unlink(temp).catch(() => {});
    throw new FileWriteError(target, err);
  }
}
