// The work of one host job, as the job worker does it: the kind's own `run` (jobs/kinds/<kind>.ts), with errors
// turned into what the api answers: a bad dataset file or setting (DatasetError), a bad export request
// (ExportJobError), a model file that cannot be imported (ImportError) and a bad input to try (TryInputError)
// are 'invalid' with a message naming the problem; anything else is a bug and leaves as a plain error
// ('internal' at the api).
import { ApiError, detailOf, errorDetail } from '../../shared/api';
import { DatasetError } from '../data';
import type { JobFailure } from './protocol';
import { jobDefinition, type HostJob } from './registry';

export async function runHostJob(job: HostJob, note: (message: string) => void): Promise<unknown> {
  return jobDefinition(job.kind).run(job, note);
}

/** Caller's problems found by class name: their modules (tfjs with them) load only when their job runs. */
const CALLER_ERROR_NAMES = new Map<string, 'export.failed' | 'import.failed' | null>([
  ['ExportJobError', 'export.failed'],
  ['ImportError', 'import.failed'],
  ['TryInputError', null],
]);

export function toJobFailure(job: HostJob, err: unknown): JobFailure {
  const found = detailOf(err);
  if (err instanceof ApiError) return { code: err.code, message: err.message, ...(found ? { detail: found } : {}) };
  const message = err instanceof Error ? err.message : String(err);
  const isCallersProblem = err instanceof DatasetError || (err instanceof Error && CALLER_ERROR_NAMES.has(err.name));
  if (!isCallersProblem) return found ? { message, detail: found } : { message };
  // The method name prefixes the English text; the coded detail says the problem itself.
  const generic = CALLER_ERROR_NAMES.get(err.name) ?? null;
  const detail = found ?? (generic ? errorDetail(generic, { detail: message }, message) : undefined);
  return { code: 'invalid', message: `${jobDefinition(job.kind).method}: ${message}`, ...(detail ? { detail } : {}) };
}
