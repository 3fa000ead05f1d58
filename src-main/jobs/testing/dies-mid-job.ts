// Test fixture: a job worker that accepts a job, says what it is doing, then dies without answering
// (like a worker killed by the OS for running out of memory).
import { jobWorkerPort } from '../protocol';

const port = jobWorkerPort();
port.onRun(({ job }) => {
  console.error(`reading ${'runId' in job ? job.runId : 'name' in job ? job.name : 'dataset' in job ? job.dataset.id : job.kind === 'lrFind' ? job.graph.name : job.kind}...`);
  setTimeout(() => process.exit(3), 20);
});
port.post({ type: 'ready' });
