// Worker process factories for the web host and the CLI: Node child processes running a TypeScript entry
// through tsx (no build step), talking over the fork IPC channel. The training worker
// (src-main/training/worker.ts) and the host job worker (src-main/jobs/job-worker.ts: dataset previews and
// exports) are started the same way.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MainToWorker, SpawnWorker, WorkerToMain } from '../training/protocol';
import type { ProcessHandle, SpawnJobWorker } from '../jobs/protocol';
import { lineSplitter } from './lines';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WORKER_SOURCE = path.resolve(HERE, '../training/worker.ts');
export const JOB_WORKER_SOURCE = path.resolve(HERE, '../jobs/job-worker.ts');

/**
 * Starts `entry` as a forked Node child per call; `name` labels its start-up errors in the output.
 * `env` is added to the host's environment for the child (e.g. a kernel switch for a benchmark).
 */
export function forkProcessFactory<In, Out>(entry: string, name: string, env: NodeJS.ProcessEnv = {}): () => ProcessHandle<In, Out> {
  return (): ProcessHandle<In, Out> => {
    const child = fork(entry, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...env },
      serialization: 'advanced', // typed arrays and Maps survive, like Electron's structured clone
    });
    const outputListeners: ((line: string) => void)[] = [];
    const emitLine = (line: string): void => outputListeners.forEach((l) => l(line));
    child.stdout?.on('data', lineSplitter(emitLine));
    child.stderr?.on('data', lineSplitter(emitLine));
    // 'exit' does not fire when the process never started ('error' does): report either exactly once.
    let exit: { code: number | null; signal: string | null } | null = null;
    const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
    const finish = (code: number | null, signal: string | null): void => {
      if (exit) return;
      exit = { code, signal };
      exitListeners.forEach((l) => l(code, signal));
    };
    child.once('exit', (code, signal) => finish(code, signal));
    child.once('error', (err) => {
      emitLine(`${name} error: ${err.message}`);
      if (child.pid === undefined) finish(null, null);
    });
    return {
      send(msg: In) {
        if (!exit && child.connected) child.send(msg as object);
      },
      onMessage(listener: (msg: Out) => void) {
        child.on('message', (msg) => listener(msg as Out));
      },
      onExit(listener) {
        if (exit) listener(exit.code, exit.signal);
        else exitListeners.push(listener);
      },
      onOutput(listener) {
        outputListeners.push(listener);
      },
      kill() {
        if (!exit) child.kill('SIGKILL');
      },
    };
  };
}

export function forkWorkerFactory(workerPath: string = WORKER_SOURCE, env: NodeJS.ProcessEnv = {}): SpawnWorker {
  return forkProcessFactory<MainToWorker, WorkerToMain>(workerPath, 'training worker', env);
}

/** The dataset-preview / export worker, so that heavy work stays out of the host's event loop. */
export function forkJobWorkerFactory(entry: string = JOB_WORKER_SOURCE): SpawnJobWorker {
  return forkProcessFactory(entry, 'job worker');
}
