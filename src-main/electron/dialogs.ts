// Native open/save dialogs for graph files. Saving writes atomically; a path the renderer names is written
// directly only when the user picked or opened it before (PathGrants), else the save dialog asks.
import { app, dialog, type BrowserWindow, type FileFilter } from 'electron';
import path from 'node:path';
import fs from 'node:fs/promises';
import { MAX_IMPORT_BASE64_CHARS } from '../api-payloads';
import { ApiError, detailOf, errorDetail } from '../../shared/api';
import type { OpenGraphResult, SaveGraphResult } from '../../shared/api';
import type { GraphFilesLike } from '../api-handlers';
import { readGraphFileText, withGraphExtension, writeGraphFile } from '../files/graph-files';
import { PathGrants } from '../files/path-grants';

const FILTERS: FileFilter[] = [
  { name: 'LayerLab graph, or a Keras / TensorFlow.js model.json or ONNX model to import', extensions: ['json', 'onnx'] },
  { name: 'All files', extensions: ['*'] },
];

/** An .onnx file picked in the dialog, as base64 for importModel (capped like the web host's messages). */
async function readOnnxBase64(filePath: string): Promise<{ path: string; content: string; encoding: 'base64' }> {
  const size = (await fs.stat(filePath)).size;
  const max = (MAX_IMPORT_BASE64_CHARS / 4) * 3;
  if (size > max) {
    const params = { file: path.basename(filePath), size: `${(size / 2 ** 20).toFixed(0)} MB`, max: `${(max / 2 ** 20).toFixed(0)} MB` };
    const message = `${params.file} is ${params.size}, more than the ${params.max} an imported model may have`;
    throw new ApiError('invalid', message, errorDetail('import.tooLarge', params, message));
  }
  return { path: filePath, content: (await fs.readFile(filePath)).toString('base64'), encoding: 'base64' };
}

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('internal', err instanceof Error ? err.message : String(err), detailOf(err));
}

export function createElectronFiles(getWindow: () => BrowserWindow | null, grants = new PathGrants()): GraphFilesLike & {
  grants: PathGrants;
  readGranted(filePath: string): Promise<{ path: string; content: string }>;
} {
  async function readGranted(filePath: string): Promise<{ path: string; content: string }> {
    const content = await readGraphFileText(filePath).catch((err) => {
      throw asApiError(err);
    });
    grants.grant(filePath);
    return { path: filePath, content };
  }

  async function write(filePath: string, content: string): Promise<SaveGraphResult> {
    await writeGraphFile(filePath, content).catch((err) => {
      throw asApiError(err);
    });
    grants.grant(filePath);
    return { canceled: false, path: filePath };
  }

  return {
    grants,
    readGranted,
    async open(): Promise<OpenGraphResult> {
      const win = getWindow();
      const options = { title: 'Open graph', filters: FILTERS, properties: ['openFile' as const] };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      if (picked.canceled || picked.filePaths.length === 0) return { canceled: true };
      if (/\.onnx$/i.test(picked.filePaths[0])) return { canceled: false, ...(await readOnnxBase64(picked.filePaths[0])) };
      return { canceled: false, ...(await readGranted(picked.filePaths[0])) };
    },
    async save(req): Promise<SaveGraphResult> {
      if (req.path !== null && grants.isGranted(req.path)) return write(req.path, req.content);
      const win = getWindow();
      const defaultPath = req.path ?? path.join(app.getPath('documents'), withGraphExtension(req.suggestedName));
      const options = { title: 'Save graph', defaultPath, filters: FILTERS };
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (picked.canceled || !picked.filePath) return { canceled: true };
      return write(withGraphExtension(picked.filePath), req.content);
    },
  };
}

/** Asks for the folder an export goes into; a new sub-folder named after the run keeps files together. */
export async function pickExportFolder(getWindow: () => BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const win = getWindow();
  const options = {
    title: 'Export into folder',
    defaultPath: app.getPath('documents'),
    properties: ['openDirectory' as const, 'createDirectory' as const],
  };
  const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (picked.canceled || picked.filePaths.length === 0) return null;
  return path.join(picked.filePaths[0], suggestedName);
}

/**
 * Asks whether LayerLab may read a dataset path. Native, so the page cannot answer for the user: a path typed or
 * confirmed in the renderer is read only after this says yes (src-main/files/read-grants.ts).
 */
export async function confirmDatasetRead(getWindow: () => BrowserWindow | null, target: string): Promise<boolean> {
  const win = getWindow();
  const options = {
    type: 'question' as const,
    title: 'Allow reading a dataset',
    message: `Allow LayerLab to read ${target} as a dataset?`,
    detail: 'Allow it only if it is the file or folder you chose. A graph file from someone else can name any path on this computer; LayerLab reads none of them until you allow it here.',
    buttons: ['Allow reading', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
  };
  const answer = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return answer.response === 0;
}
