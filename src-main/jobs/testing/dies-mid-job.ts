// Test fixture: a job worker that accepts a job, says what it is doing, then dies without answering
// (like a worker killed by the OS for running out of memory).
import { jobWorkerPort } from '../protocol';

const port = jobWorkerPort();
port.onRun(({ job }) => {
  console.error(`reading ${job.kind === 'export' || job.kind === 'inspect' || job.kind === 'project' ? job.runId : job.kind === 'import' ? job.name : 'dataset' in job ? job.dataset.id : job.kind}...`);
  setTimeout(() => process.exit(3), 20);
});
port.post({ type: 'ready' });
