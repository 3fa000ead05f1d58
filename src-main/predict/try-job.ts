// The job worker's side of getTryInfo and predict: load the run (cached between jobs), then answer.
import * as tf from '@tensorflow/tfjs';
import type { PredictRequest, PredictResult, TryInfo } from '../../shared/api';
import { loadTryRun } from './load-run';
import { predictRun, tryInfo } from './predict';

export async function runTryInfoJob(job: { dataDir: string; runId: string }): Promise<TryInfo> {
  return tryInfo(await loadTryRun(job.dataDir, job.runId));
}

export async function runPredictJob(job: { dataDir: string; request: PredictRequest }): Promise<PredictResult> {
  const { runId, ...request } = job.request;
  const run = await loadTryRun(job.dataDir, runId);
  // A running run's weights change between predictions: the answer says which epoch's gave it.
  return { ...predictRun(tf, run, request), weights: run.weights };
}
