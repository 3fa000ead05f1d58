// Reads only the first bytes of a file (headers), without loading the whole file.
import { open } from 'node:fs/promises';
import { DatasetError, fsProblem } from './errors';

export async function readPrefix(file: string, bytes: number): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw new DatasetError(fsProblem(e), file);
  } finally {
    await handle?.close();
  }
}
