// The desktop app's worker processes (utility-worker.ts) with Electron's utilityProcess faked: each start is a new
// process with piped output (whole lines, stdout and stderr), messages pass both ways while it lives, nothing is
// sent to or killed in an exited process, an exit listener added after the exit still hears it, and the packaged
// app points the worker at the unpacked .wasm files. A crashed worker is replaced by calling the factory again.
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WASM_DIR_ENV } from '../engine/backend';

const fake = vi.hoisted(() => {
  const state = { children: [] as FakeChild[], forks: [] as { entry: string; args: unknown[]; options: { stdio: string; serviceName: string; env: Record<string, string | undefined> } }[] };
  class Emitter {
    events = new Map<string, ((...a: unknown[]) => void)[]>();
    on(name: string, l: (...a: unknown[]) => void) {
      this.events.set(name, [...(this.events.get(name) ?? []), l]);
      return this;
    }
    once(name: string, l: (...a: unknown[]) => void) {
      return this.on(name, l);
    }
    emit(name: string, ...a: unknown[]) {
      for (const l of this.events.get(name) ?? []) l(...a);
    }
  }
  class FakeChild extends Emitter {
    stdout = new Emitter();
    stderr = new Emitter();
    posted: unknown[] = [];
    kills = 0;
    postMessage(msg: unknown) {
      this.posted.push(msg);
    }
    kill() {
      this.kills++;
      return true;
    }
  }
  const electron = {
    app: { isPackaged: false },
    utilityProcess: {
      fork: (entry: string, args: unknown[], options: (typeof state.forks)[number]['options']) => {
        state.forks.push({ entry, args, options });
        const child = new FakeChild();
        state.children.push(child);
        return child;
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

import { utilityProcessFactory, utilityWorkerFactory } from './utility-worker';

beforeEach(() => {
  fake.state.children = [];
  fake.state.forks = [];
  fake.electron.app.isPackaged = false;
});

describe('utility worker processes', () => {
  it('starts the bundled entry with piped output under its service name; each call is a fresh process', () => {
    const spawn = utilityWorkerFactory('/app/out/main/worker.js');
    spawn();
    spawn();
    expect(fake.state.forks).toHaveLength(2);
    expect(fake.state.forks[0]).toMatchObject({ entry: '/app/out/main/worker.js', args: [], options: { stdio: 'pipe', serviceName: 'LayerLab training' } });
    expect(fake.state.children[0]).not.toBe(fake.state.children[1]);
  });

  it('passes messages both ways and reports output as whole lines from stdout, stderr and process errors', () => {
    const handle = utilityProcessFactory<{ n: number }, { m: number }>('/w.js', 'Test worker')();
    const child = fake.state.children[0];
    const got: unknown[] = [];
    const lines: string[] = [];
    handle.onMessage((m) => got.push(m));
    handle.onOutput((l) => lines.push(l));
    handle.send({ n: 1 });
    child.emit('message', { m: 2 });
    child.stdout.emit('data', Buffer.from('first li'));
    child.stdout.emit('data', Buffer.from('ne\nsecond\n'));
    child.stderr.emit('data', 'warning\r\n');
    child.emit('error', 'FatalError', 'worker.js:1');
    expect(child.posted).toEqual([{ n: 1 }]);
    expect(got).toEqual([{ m: 2 }]);
    expect(lines).toEqual(['first line', 'second', 'warning', 'Test worker FatalError at worker.js:1']);
  });

  it('after the process exits: exit listeners (also late ones) get the code, sends and kills are dropped', () => {
    const handle = utilityProcessFactory('/w.js', 'Test worker')();
    const child = fake.state.children[0];
    const exits: unknown[][] = [];
    handle.onExit((code, signal) => exits.push([code, signal]));
    handle.kill();
    expect(child.kills).toBe(1);
    child.emit('exit', 3);
    handle.onExit((code, signal) => exits.push(['late', code, signal]));
    expect(exits).toEqual([[3, null], ['late', 3, null]]);
    handle.send({ n: 1 });
    handle.kill();
    expect(child.posted).toEqual([]);
    expect(child.kills).toBe(1);
  });

  it('the packaged app sends the worker to the .wasm files unpacked beside the asar; a set variable is kept', () => {
    const saved = process.env[WASM_DIR_ENV];
    const savedResources = (process as { resourcesPath?: string }).resourcesPath;
    try {
      delete process.env[WASM_DIR_ENV];
      (process as { resourcesPath?: string }).resourcesPath = '/opt/LayerLab/resources';
      utilityWorkerFactory('/w.js')();
      expect(fake.state.forks[0].options.env[WASM_DIR_ENV]).toBeUndefined();
      fake.electron.app.isPackaged = true;
      utilityWorkerFactory('/w.js')();
      expect(fake.state.forks[1].options.env[WASM_DIR_ENV]).toBe(
        path.join('/opt/LayerLab/resources', 'app.asar.unpacked', 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist'),
      );
      process.env[WASM_DIR_ENV] = '/custom/wasm';
      utilityWorkerFactory('/w.js')();
      expect(fake.state.forks[2].options.env[WASM_DIR_ENV]).toBe('/custom/wasm');
    } finally {
      if (saved === undefined) delete process.env[WASM_DIR_ENV];
      else process.env[WASM_DIR_ENV] = saved;
      (process as { resourcesPath?: string }).resourcesPath = savedResources;
    }
  });
});
