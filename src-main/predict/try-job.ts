// The job worker's side of getTryInfo and predict: load the run (cached between jobs), then answer.
import * as tf from '@tensorflow/tfjs';
import type { PredictResult, TryInfo } from '../../shared/api';
import type { HostJob } from '../jobs/protocol';
import { loadTryRun } from './load-run';
import { predictRun, tryInfo } from './predict';

export async function runTryJob(job: Extract<HostJob, { kind: 'tryInfo' | 'predict' }>): Promise<TryInfo | PredictResult> {
  if (job.kind === 'tryInfo') return tryInfo(await loadTryRun(job.dataDir, job.runId));
  const { runId, ...request } = job.request;
  const run = await loadTryRun(job.dataDir, runId);
  // A running run's weights change between predictions: the answer says which epoch's gave it.
  return { ...predictRun(tf, run, request), weights: run.weights };
}
