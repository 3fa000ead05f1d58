// Training worker factory for the web host and the CLI: a Node child process running
// src-main/training/worker.ts through tsx (no build step), talking over the fork IPC channel.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MainToWorker, SpawnWorker, WorkerHandle, WorkerToMain } from '../training/protocol';
import { lineSplitter } from './lines';

export const WORKER_SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../training/worker.ts');

export function forkWorkerFactory(workerPath: string = WORKER_SOURCE): SpawnWorker {
  return (): WorkerHandle => {
    const child = fork(workerPath, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env },
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
      emitLine(`training worker error: ${err.message}`);
      if (child.pid === undefined) finish(null, null);
    });
    return {
      send(msg: MainToWorker) {
        if (!exit && child.connected) child.send(msg);
      },
      onMessage(listener: (msg: WorkerToMain) => void) {
        child.on('message', (msg) => listener(msg as WorkerToMain));
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
