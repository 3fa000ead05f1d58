// Worker process factories for the desktop app: Electron utilityProcesses running bundled entries
// (out/main/worker.js for training, out/main/jobs.js for dataset previews and exports). Same handles as the
// web host's child_process.fork factories (src-main/web/fork-worker.ts).
import { app, utilityProcess } from 'electron';
import path from 'node:path';
import type { MainToWorker, SpawnWorker, WorkerToMain } from '../training/protocol';
import type { ProcessHandle, SpawnJobWorker } from '../jobs/protocol';
import { WASM_DIR_ENV } from '../engine/backend';
import { lineSplitter } from '../web/lines';

/** In the packaged app the .wasm files are unpacked from the asar (electron-builder.yml asarUnpack). */
function workerEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (app.isPackaged && !env[WASM_DIR_ENV]) {
    env[WASM_DIR_ENV] = path.join(process.resourcesPath, 'app.asar.unpacked', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
  }
  return env;
}

/** Starts the bundled `entry` as a utilityProcess per call; `serviceName` shows in the OS task manager. */
export function utilityProcessFactory<In, Out>(entry: string, serviceName: string): () => ProcessHandle<In, Out> {
  return (): ProcessHandle<In, Out> => {
    const child = utilityProcess.fork(entry, [], { stdio: 'pipe', serviceName, env: workerEnv() });
    const outputListeners: ((line: string) => void)[] = [];
    const emitLine = (line: string): void => outputListeners.forEach((l) => l(line));
    child.stdout?.on('data', lineSplitter(emitLine));
    child.stderr?.on('data', lineSplitter(emitLine));
    child.on('error', (type, location) => emitLine(`${serviceName} ${type} at ${location}`));
    let exit: { code: number } | null = null;
    const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
    child.once('exit', (code) => {
      exit = { code };
      exitListeners.forEach((l) => l(code, null));
    });
    return {
      send(msg: In) {
        if (!exit) child.postMessage(msg);
      },
      onMessage(listener: (msg: Out) => void) {
        child.on('message', (msg) => listener(msg as Out));
      },
      onExit(listener) {
        if (exit) listener(exit.code, null);
        else exitListeners.push(listener);
      },
      onOutput(listener) {
        outputListeners.push(listener);
      },
      kill() {
        if (!exit) child.kill();
      },
    };
  };
}

export function utilityWorkerFactory(workerPath: string): SpawnWorker {
  return utilityProcessFactory<MainToWorker, WorkerToMain>(workerPath, 'LayerLab training');
}

export function utilityJobWorkerFactory(entry: string): SpawnJobWorker {
  return utilityProcessFactory(entry, 'LayerLab jobs');
}
