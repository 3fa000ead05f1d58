// Every host job kind, listed once. The job union main sends to the job worker, what each kind answers, the names
// in messages, the pool that runs a kind and the worker's dispatch are all derived from this list: adding a kind is
// one file in jobs/kinds/ and one line here (plus its api method, which is the renderer's contract).
import type { JobDefinition } from './define-job';
import { describeJob } from './kinds/describe';
import { exportJob } from './kinds/export';
import { importJob } from './kinds/import';
import { importOnnxJob } from './kinds/import-onnx';
import { inspectJob } from './kinds/inspect';
import { lrFindJob } from './kinds/lr-find';
import { predictJob } from './kinds/predict';
import { previewJob } from './kinds/preview';
import { projectJob } from './kinds/project';
import { tryInfoJob } from './kinds/try-info';

export const JOB_KINDS = [previewJob, describeJob, exportJob, importJob, importOnnxJob, tryInfoJob, predictJob, inspectJob, projectJob, lrFindJob] as const;

type AnyJobDefinition = (typeof JOB_KINDS)[number];
/** Spells an intersection out as one object type, so messages and hovers show plain fields. */
type Flat<T> = { [P in keyof T]: T[P] };

export type HostJobKind = AnyJobDefinition['kind'];
/** One job as main sends it to the worker: its kind and that kind's payload. */
export type HostJob = AnyJobDefinition extends infer D ? (D extends AnyJobDefinition ? Flat<Parameters<D['run']>[0]> : never) : never;
/** What each kind of job answers with. */
export type HostJobResults = { [D in AnyJobDefinition as D['kind']]: Awaited<ReturnType<D['run']>> };

const BY_KIND = new Map<string, JobDefinition<HostJobKind, object, unknown>>();
for (const definition of JOB_KINDS) {
  if (BY_KIND.has(definition.kind)) throw new Error(`jobs/registry.ts: the job kind "${definition.kind}" is listed twice`);
  BY_KIND.set(definition.kind, definition as JobDefinition<HostJobKind, object, unknown>);
}

/** A job kind's definition; a kind nobody registered (a bug in main, or a stale worker) is refused by name. */
export function jobDefinition(kind: string): JobDefinition<HostJobKind, object, unknown> {
  const found = BY_KIND.get(kind);
  if (!found) throw new Error(`Unknown host job kind "${kind}": the job worker runs ${[...BY_KIND.keys()].join(', ')}`);
  return found;
}
