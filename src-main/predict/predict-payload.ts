// The boundary check of a predict request (from the renderer, a WebSocket page or the CLI): every field of the
// TryInput and the generation options, with a message naming the field. The worker then checks that the input
// fits the run (prepare-input.ts).
import type { GenerateOptions, PredictRequest } from '../../shared/api';
import type { TryInput } from '../../shared/try-input';
import { expectObject, expectRunId, invalid, isPlainObject } from '../api-payloads';

/** Large enough for a 256x256 RGB image; a drawn 28x28 digit has 784 values. */
const MAX_PIXELS = 256 * 256 * 3;
const MAX_TEXT = 10_000;
const MAX_VALUES = 10_000;
export const MAX_GENERATE = 1000;
export const MAX_FORECAST_STEPS = 200;

function int(method: string, where: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw invalid(method, `'${where}' must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  return v;
}

function num(method: string, where: string, v: unknown, min: number, max: number, openMin = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v > max || (openMin ? v <= min : v < min)) {
    throw invalid(method, `'${where}' must be a number ${openMin ? 'above' : 'from'} ${min}${openMin ? ' and at most' : ' to'} ${max}, got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  return v;
}

export function checkTryInput(method: string, value: unknown): TryInput {
  if (!isPlainObject(value)) throw invalid(method, "'input' must be an object with a 'kind'");
  switch (value.kind) {
    case 'sample':
      return { kind: 'sample', index: int(method, 'input.index', value.index, 0, 1e9) };
    case 'series':
      return { kind: 'series', start: int(method, 'input.start', value.start, 0, 1e9) };
    case 'text':
      if (typeof value.text !== 'string' || value.text.length > MAX_TEXT) throw invalid(method, `'input.text' must be a string of at most ${MAX_TEXT} characters`);
      return { kind: 'text', text: value.text };
    case 'image': {
      const width = int(method, 'input.width', value.width, 1, 256);
      const height = int(method, 'input.height', value.height, 1, 256);
      const channels = int(method, 'input.channels', value.channels, 1, 3);
      if (channels === 2) throw invalid(method, "'input.channels' must be 1 (grey) or 3 (RGB)");
      const pixels = value.pixels;
      if (!Array.isArray(pixels) || pixels.length > MAX_PIXELS || pixels.some((p) => typeof p !== 'number' || !Number.isFinite(p))) {
        throw invalid(method, `'input.pixels' must be an array of at most ${MAX_PIXELS} numbers`);
      }
      return { kind: 'image', width, height, channels: channels as 1 | 3, pixels: pixels as number[] };
    }
    case 'features': {
      const values = value.values;
      if (!Array.isArray(values) || values.length > MAX_VALUES || values.some((p) => typeof p !== 'number' || !Number.isFinite(p))) {
        throw invalid(method, `'input.values' must be an array of at most ${MAX_VALUES} finite numbers`);
      }
      return { kind: 'features', values: values as number[] };
    }
    default:
      throw invalid(method, `'input.kind' must be one of sample, image, text, series, features; got ${JSON.stringify(value.kind)?.slice(0, 40)}`);
  }
}

export function checkGenerateOptions(method: string, value: unknown): GenerateOptions {
  const o = expectObject(method, value);
  return {
    count: int(method, 'generate.count', o.count, 1, MAX_GENERATE),
    temperature: num(method, 'generate.temperature', o.temperature, 0, 10, true),
    topK: int(method, 'generate.topK', o.topK, 0, 100_000),
    seed: int(method, 'generate.seed', o.seed, 0, 2 ** 31 - 1),
  };
}

export function checkPredictRequest(method: string, payload: unknown): PredictRequest {
  const runId = expectRunId(method, payload);
  const o = expectObject(method, payload);
  return {
    runId,
    input: checkTryInput(method, o.input),
    ...(o.generate !== undefined ? { generate: checkGenerateOptions(method, o.generate) } : {}),
    ...(o.steps !== undefined ? { steps: int(method, 'steps', o.steps, 1, MAX_FORECAST_STEPS) } : {}),
  };
}
