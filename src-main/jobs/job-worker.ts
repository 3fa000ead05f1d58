// Job worker process entry (Electron utilityProcess or child_process.fork): runs dataset previews and exports
// for the host, one message per job, and stays up for the next one until main stops it.
import { jobWorkerPort } from './protocol';
import { runHostJob, toJobFailure } from './run-host-job';

const port = jobWorkerPort();

port.onRun(({ id, job }) => {
  runHostJob(job, (message) => port.post({ type: 'note', id, message })).then(
    (result) => port.post({ type: 'done', id, result }),
    (err: unknown) => port.post({ type: 'failed', id, error: toJobFailure(job, err) }),
  );
});

port.post({ type: 'ready' });
