// Test fixture: a job worker that accepts a job, says what it is doing, then dies without answering
// (like a worker killed by the OS for running out of memory).
import { jobWorkerPort } from '../protocol';

const port = jobWorkerPort();
port.onRun(({ job }) => {
  console.error(`reading ${job.kind === 'export' ? job.runId : job.kind === 'import' ? job.name : job.kind === 'lrFind' ? job.graph.name : job.dataset.id}...`);
  setTimeout(() => process.exit(3), 20);
});
port.post({ type: 'ready' });
