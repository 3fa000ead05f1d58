// Training worker factory for the desktop app: an Electron utilityProcess running the bundled worker
// (out/main/worker.js). Same WorkerHandle as the web host's child_process.fork factory.
import { app, utilityProcess } from 'electron';
import path from 'node:path';
import type { MainToWorker, SpawnWorker, WorkerHandle, WorkerToMain } from '../training/protocol';
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

export function utilityWorkerFactory(workerPath: string): SpawnWorker {
  return (): WorkerHandle => {
    const child = utilityProcess.fork(workerPath, [], { stdio: 'pipe', serviceName: 'LayerLab training', env: workerEnv() });
    const outputListeners: ((line: string) => void)[] = [];
    const emitLine = (line: string): void => outputListeners.forEach((l) => l(line));
    child.stdout?.on('data', lineSplitter(emitLine));
    child.stderr?.on('data', lineSplitter(emitLine));
    child.on('error', (type, location) => emitLine(`training worker ${type} at ${location}`));
    let exit: { code: number } | null = null;
    const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
    child.once('exit', (code) => {
      exit = { code };
      exitListeners.forEach((l) => l(code, null));
    });
    return {
      send(msg: MainToWorker) {
        if (!exit) child.postMessage(msg);
      },
      onMessage(listener: (msg: WorkerToMain) => void) {
        child.on('message', (msg) => listener(msg as WorkerToMain));
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
