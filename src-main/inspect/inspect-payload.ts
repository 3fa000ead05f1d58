// The boundary check of the look-inside requests (inspectRun, projectRun): the run id, the TryInput (checked as
// predict checks it) and the projection's optional node and sample count.
import type { TryInput } from '../../shared/try-input';
import { INSPECT_LIMITS } from '../../shared/inspect';
import { expectObject, expectRunId, invalid } from '../api-payloads';
import { checkTryInput } from '../predict/predict-payload';

export function checkInspectRequest(method: string, payload: unknown): { runId: string; input: TryInput } {
  const runId = expectRunId(method, payload);
  return { runId, input: checkTryInput(method, expectObject(method, payload).input) };
}

export function checkProjectRequest(method: string, payload: unknown): { runId: string; nodeId?: string; samples?: number } {
  const runId = expectRunId(method, payload);
  const { nodeId, samples } = expectObject(method, payload);
  if (nodeId !== undefined && (typeof nodeId !== 'string' || nodeId.length === 0 || nodeId.length > 200)) {
    throw invalid(method, "'nodeId' must be a node id (a non-empty string)");
  }
  const max = INSPECT_LIMITS.projectionSamples;
  if (samples !== undefined && (typeof samples !== 'number' || !Number.isInteger(samples) || samples < 2 || samples > max)) {
    throw invalid(method, `'samples' must be a whole number from 2 to ${max}`);
  }
  return { runId, ...(nodeId !== undefined ? { nodeId: nodeId as string } : {}), ...(samples !== undefined ? { samples: samples as number } : {}) };
}
