// Training worker process entry (Electron utilityProcess or child_process.fork). One run per process:
// waits for 'start', trains, sends the final event, exits. stop / pause / resume act between batches.
import { currentProcessPort, type MainToWorker } from './protocol';
import { TrainControl } from './control';
import { runJob } from './job';
import { runTorchJob } from './pytorch/run-torch';

const port = currentProcessPort();
const control = new TrainControl();
let running = false;

async function finish(code: number): Promise<void> {
  await port.flush();
  process.exit(code);
}

port.onMessage((msg: MainToWorker) => {
  switch (msg.type) {
    case 'start':
      if (running) return;
      running = true;
      // The PyTorch engine runs the exported script in a subprocess; TensorFlow.js trains here.
      (msg.graph.training.engine === 'pytorch' ? runTorchJob : runJob)(msg, (event) => port.post(event), control)
        .then(() => finish(0))
        .catch((err: unknown) => {
          port.post({ type: 'failed', error: `Training worker error: ${err instanceof Error ? err.message : String(err)}` });
          return finish(1);
        });
      return;
    case 'stop':
      // Confirm first: main then waits for the weights and the evaluation instead of killing us on its timer.
      if (running) port.post({ type: 'stopping' });
      control.stop();
      // Nothing started yet: leave at once, main reports the run as stopped.
      if (!running) void finish(0);
      return;
    case 'pause':
      control.pause();
      return;
    case 'resume':
      control.resume();
      return;
  }
});

port.post({ type: 'ready' });
