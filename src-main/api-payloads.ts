// Runtime checks for what arrives over IPC or WebSocket. TypeScript types stop at the process boundary:
// anything a renderer (or a page that found the port) sends is `unknown` until one of these accepts it.
// Each check throws ApiError('invalid', ...) naming the method and the field that is wrong.
import { ApiError, EXPORT_FORMATS, errorDetail, type ExportFormat, type RecoveryCopy } from '../shared/api';
import type { DatasetConfig, GraphFile } from '../shared/graph/types';
import { pythonPathProblem } from './torch/engine-locator';
import { graphTextSizeProblem, jsonTextDepthProblem, nonFiniteNumberPath, valueDepthProblem } from '../shared/graph/limits';
import { serializeGraph } from '../shared/graph/validate';

/** Run ids become folder names in the run store: letters, digits, '.', '_', '-' only, no '..'. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const REPRESENTATIONS = ['vector', 'matrix', 'image', 'sequence'];
const LABEL_ENCODINGS = ['onehot', 'int'];
const NORMALIZATIONS = ['none', 'scale01', 'standardize'];

export function invalid(method: string, message: string): ApiError {
  const text = `${method}: ${message}`;
  return new ApiError('invalid', text, errorDetail('api.invalidRequest', { method, detail: message }, text));
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value}, which is not a finite number`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses a payload nested deeper than any real request (dispatch checks every one before its handler). */
export function checkPayloadDepth(method: string, payload: unknown): void {
  const problem = valueDepthProblem(payload);
  if (problem) throw invalid(method, `the payload is refused: ${problem}`);
}

/** Methods typed `req: void` take nothing; null and {} are tolerated because JSON clients send them. */
export function expectNoPayload(method: string, payload: unknown): void {
  if (payload === undefined || payload === null) return;
  if (isPlainObject(payload) && Object.keys(payload).length === 0) return;
  throw invalid(method, `takes no payload, got ${describe(payload)}`);
}

export function expectObject(method: string, payload: unknown): Record<string, unknown> {
  if (!isPlainObject(payload)) throw invalid(method, `payload must be an object, got ${describe(payload)}`);
  return payload;
}

export function expectRunId(method: string, payload: unknown): string {
  const { runId } = expectObject(method, payload);
  if (typeof runId !== 'string') throw invalid(method, `'runId' must be a string, got ${describe(runId)}`);
  if (!RUN_ID.test(runId) || runId.includes('..')) {
    throw invalid(method, `'runId' ${JSON.stringify(runId.slice(0, 60))} is not a run id (letters, digits, '.', '_', '-')`);
  }
  return runId;
}

function expectNumber(method: string, where: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(method, `'${where}' must be a number, got ${describe(value)}`);
  if (value < min || value > max) throw invalid(method, `'${where}' is ${value}, must be between ${min} and ${max}`);
}

function expectOneOf(method: string, where: string, value: unknown, allowed: string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalid(method, `'${where}' must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
}

/** A file-system path from the renderer: a non-empty string of sane length without NUL characters. */
export function expectPath(method: string, payload: unknown): string {
  const { path } = expectObject(method, payload);
  if (typeof path !== 'string' || path.trim() === '') throw invalid(method, `'path' must be a non-empty string, got ${describe(path)}`);
  if (path.length > 4096 || path.includes('\0')) throw invalid(method, `'path' is not a usable path (${path.length > 4096 ? 'over 4096 characters' : 'it holds a NUL character'})`);
  return path;
}

/** The dataset part of a request: the fields the data readers rely on, checked before any file is touched. */
export function checkDatasetConfig(method: string, where: string, value: unknown): DatasetConfig {
  if (!isPlainObject(value)) throw invalid(method, `'${where}' must be an object, got ${describe(value)}`);
  if (typeof value.id !== 'string' || value.id.length === 0) throw invalid(method, `'${where}.id' must be a dataset id, got ${describe(value.id)}`);
  expectOneOf(method, `${where}.representation`, value.representation, REPRESENTATIONS);
  expectOneOf(method, `${where}.labels`, value.labels, LABEL_ENCODINGS);
  expectOneOf(method, `${where}.normalization`, value.normalization, NORMALIZATIONS);
  expectNumber(method, `${where}.validationSplit`, value.validationSplit, 0, 0.5);
  expectNumber(method, `${where}.limit`, value.limit, 0, Number.MAX_SAFE_INTEGER);
  expectNumber(method, `${where}.seed`, value.seed, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (value.options !== undefined) {
    if (!isPlainObject(value.options)) throw invalid(method, `'${where}.options' must be an object, got ${describe(value.options)}`);
    for (const [key, option] of Object.entries(value.options)) {
      if (!['string', 'number', 'boolean'].includes(typeof option)) {
        throw invalid(method, `'${where}.options.${key}' must be a string, number or boolean, got ${describe(option)}`);
      }
    }
  }
  return value as unknown as DatasetConfig;
}

/** Most samples a dataset preview may ask for (each is sent as JSON numbers). */
export const MAX_PREVIEW_SAMPLES = 64;

/** previewDataset's payload: a dataset config and an optional sample count (default 8). */
export function checkPreviewRequest(method: string, payload: unknown): { dataset: DatasetConfig; samples: number } {
  const { dataset, samples } = expectObject(method, payload);
  const config = checkDatasetConfig(method, 'dataset', dataset);
  if (samples === undefined) return { dataset: config, samples: 8 };
  if (!Number.isInteger(samples) || (samples as number) < 0 || (samples as number) > MAX_PREVIEW_SAMPLES) {
    throw invalid(method, `'samples' must be a whole number from 0 to ${MAX_PREVIEW_SAMPLES}, got ${typeof samples === 'number' ? samples : describe(samples)}`);
  }
  return { dataset: config, samples: samples as number };
}

/**
 * The graph part of a request, checked by the full graph-file validator (shared/graph/validate.ts) exactly as if
 * it had been read from a file, so a graph from the wire and a graph from disk meet the same rules. Its size is
 * measured on the text saving would write, so training refuses exactly what saving refuses.
 */
export function checkGraph(method: string, value: unknown, parseGraph: (json: string) => GraphFile): GraphFile {
  if (!isPlainObject(value)) throw invalid(method, `'graph' must be a graph object, got ${describe(value)}`);
  const notValid = (problem: string) => invalid(method, `'graph' is not a valid LayerLab graph: ${problem}`);
  const nonFinite = nonFiniteNumberPath(value);
  if (nonFinite) throw notValid(`${nonFinite.path}: must be a number, got ${describe(nonFinite.value)}`);
  let graph: GraphFile;
  try {
    graph = parseGraph(JSON.stringify(value));
  } catch (err) {
    throw notValid(err instanceof Error ? err.message : String(err));
  }
  const tooBig = graphTextSizeProblem(serializeGraph(graph));
  if (tooBig) throw notValid(`as a file ${tooBig}`);
  return graph;
}

/** Saved text meets the limits of opening it again (shared/graph/validate.ts): what cannot be opened is not written. */
function contentLimitProblem(content: string): string | null {
  return graphTextSizeProblem(content) ?? jsonTextDepthProblem(content);
}

export interface SaveRequest {
  path: string | null;
  suggestedName: string;
  content: string;
}

export function checkSaveRequest(method: string, payload: unknown): SaveRequest {
  const { path, suggestedName, content } = expectObject(method, payload);
  if (path !== null && (typeof path !== 'string' || path.length === 0)) {
    throw invalid(method, `'path' must be a file path or null, got ${describe(path)}`);
  }
  if (typeof suggestedName !== 'string') throw invalid(method, `'suggestedName' must be a string, got ${describe(suggestedName)}`);
  if (typeof content !== 'string') throw invalid(method, `'content' must be a string, got ${describe(content)}`);
  const limit = contentLimitProblem(content);
  if (limit) throw invalid(method, `'content' is refused: ${limit}; nothing was written`);
  try {
    JSON.parse(content);
  } catch (err) {
    throw invalid(method, `'content' is not JSON (${err instanceof Error ? err.message : String(err)}); nothing was written`);
  }
  return { path, suggestedName, content };
}

/** Base64 of an ONNX file: at most what fits in one web host message (64 MB). */
export const MAX_IMPORT_BASE64_CHARS = 60 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A model file's text (or an ONNX file's bytes as base64) and the name the new graph gets. */
export function checkImportRequest(method: string, payload: unknown): { content: string; name: string; encoding?: 'base64' } {
  const { content, name, encoding } = expectObject(method, payload);
  if (typeof content !== 'string') throw invalid(method, `'content' must be a string, got ${describe(content)}`);
  if (encoding !== undefined && encoding !== 'base64') throw invalid(method, `'encoding' must be 'base64' or absent, got ${describe(encoding)}`);
  if (encoding === 'base64') {
    if (content.length > MAX_IMPORT_BASE64_CHARS) throw invalid(method, `'content' is refused: ${content.length.toLocaleString('en-US')} base64 characters, more than the ${MAX_IMPORT_BASE64_CHARS.toLocaleString('en-US')} an imported file may have`);
    if (content.length % 4 !== 0 || !BASE64.test(content)) throw invalid(method, "'content' is not base64 (encoding: 'base64')");
  } else {
    const limit = contentLimitProblem(content);
    if (limit) throw invalid(method, `'content' is refused: ${limit}`);
  }
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) throw invalid(method, `'name' must be a non-empty string of at most 200 characters, got ${describe(name)}`);
  return { content, name: name.trim(), ...(encoding === 'base64' ? { encoding } : {}) };
}

/** Experiment ids become file names in <dataDir>/experiments: 'exp-' then letters, digits, '_', '-'. */
const EXPERIMENT_ID = /^exp-[A-Za-z0-9_-]{1,100}$/;

export function expectExperimentId(method: string, payload: unknown): string {
  const { experimentId } = expectObject(method, payload);
  if (typeof experimentId !== 'string') throw invalid(method, `'experimentId' must be a string, got ${describe(experimentId)}`);
  if (!EXPERIMENT_ID.test(experimentId)) {
    throw invalid(method, `'experimentId' ${JSON.stringify(experimentId.slice(0, 60))} is not an experiment id (exp-, then letters, digits, '_', '-')`);
  }
  return experimentId;
}

/** reorderExperiment's payload: an experiment id and the waiting trial indices in their new order. */
export function checkReorderRequest(method: string, payload: unknown): { experimentId: string; queue: number[] } {
  const experimentId = expectExperimentId(method, payload);
  const { queue } = payload as Record<string, unknown>;
  if (!Array.isArray(queue) || queue.length > 10_000 || !queue.every((i) => Number.isInteger(i) && (i as number) >= 0)) {
    throw invalid(method, `'queue' must be a list of trial indices (whole numbers >= 0), got ${describe(queue)}`);
  }
  return { experimentId, queue: queue as number[] };
}

export function checkExportRequest(method: string, payload: unknown): { runId: string; format: ExportFormat } {
  const { format } = expectObject(method, payload);
  const runId = expectRunId(method, payload);
  expectOneOf(method, 'format', format, [...EXPORT_FORMATS]);
  return { runId, format: format as ExportFormat };
}

/** Recovery sessions become file names in <dataDir>/recovery: letters, digits, '_', '-'. */
const RECOVERY_SESSION = /^[A-Za-z0-9_-]{1,64}$/;
/** Graph names are short; this only stops a client from using the field as storage. */
const MAX_RECOVERY_NAME = 1000;

export function expectRecoverySession(method: string, payload: unknown): string {
  const { session } = expectObject(method, payload);
  if (typeof session !== 'string') throw invalid(method, `'session' must be a string, got ${describe(session)}`);
  if (!RECOVERY_SESSION.test(session)) {
    throw invalid(method, `'session' ${JSON.stringify(session.slice(0, 60))} is not a session id (1 to 64 letters, digits, '_', '-')`);
  }
  return session;
}

/**
 * What is wrong with a recovery copy (from the wire or from a recovery file), or null when it is fine. `where`
 * prefixes field names ('copy.' for a request, '' for a file).
 */
export function recoveryCopyProblem(value: unknown, where: string): string | null {
  if (!isPlainObject(value)) return `'${where.replace(/\.$/, '') || 'copy'}' must be an object, got ${describe(value)}`;
  const { name, filePath, content, savedAt } = value;
  if (typeof name !== 'string') return `'${where}name' must be a string, got ${describe(name)}`;
  if (name.length > MAX_RECOVERY_NAME) return `'${where}name' is ${name.length} characters, more than ${MAX_RECOVERY_NAME}`;
  if (filePath !== null && (typeof filePath !== 'string' || filePath.length === 0)) return `'${where}filePath' must be a file path or null, got ${describe(filePath)}`;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) return `'${where}savedAt' must be a time in ms, got ${describe(savedAt)}`;
  if (typeof content !== 'string') return `'${where}content' must be a string, got ${describe(content)}`;
  const limit = contentLimitProblem(content);
  if (limit) return `'${where}content' is refused: ${limit}`;
  try {
    JSON.parse(content);
  } catch (err) {
    return `'${where}content' is not JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  return null;
}

export function checkWriteRecoveryRequest(method: string, payload: unknown): { session: string; copy: RecoveryCopy } {
  const session = expectRecoverySession(method, payload);
  const { copy } = payload as Record<string, unknown>;
  const problem = recoveryCopyProblem(copy, 'copy.');
  if (problem) throw invalid(method, `${problem}; nothing was written`);
  const { name, filePath, content, savedAt } = copy as unknown as RecoveryCopy;
  // Only the known fields go to disk.
  return { session, copy: { name, filePath, content, savedAt } };
}

/** setPythonPath: an absolute path or a command name (pythonPathProblem), or null to search again. */
export function checkPythonPathRequest(method: string, payload: unknown): string | null {
  const { path } = expectObject(method, payload);
  if (path === null) return null;
  if (typeof path !== 'string') throw invalid(method, `'path' must be a string or null, got ${describe(path)}`);
  const problem = pythonPathProblem(path);
  if (problem) throw invalid(method, `${problem}; the setting was not changed`);
  return path;
}

/** setLanguage: one of the interface languages, nothing else (it picks the menu's catalogue). */
export function checkLanguageRequest(method: string, payload: unknown): 'en' | 'ko' {
  const { lang } = expectObject(method, payload);
  if (lang !== 'en' && lang !== 'ko') throw invalid(method, `'lang' must be 'en' or 'ko', got ${describe(lang)}`);
  return lang;
}

/** A downloadable dataset's id (the service checks it is one it knows). */
export function expectDatasetId(method: string, payload: unknown): string {
  const { id } = expectObject(method, payload);
  if (typeof id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(id)) throw invalid(method, `'id' must be a dataset id, got ${describe(id)}`);
  return id;
}

/** The user's dataset paths whose status the Datasets view asks for (at most 50). */
export function checkStatusRequest(method: string, payload: unknown): { datasetId: string; path: string }[] {
  const { user } = expectObject(method, payload);
  if (!Array.isArray(user) || user.length > 50) throw invalid(method, `'user' must be a list of at most 50 {datasetId, path}, got ${describe(user)}`);
  return user.map((ref, i) => {
    if (!isPlainObject(ref) || typeof ref.datasetId !== 'string' || typeof ref.path !== 'string' || ref.path === '' || ref.path.length > 4096 || ref.path.includes('\0')) {
      throw invalid(method, `'user[${i}]' must be {datasetId: string, path: non-empty string}`);
    }
    return { datasetId: ref.datasetId, path: ref.path };
  });
}
