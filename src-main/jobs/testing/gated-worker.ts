// Test helper: proves that a piece of api work is done by the job worker process and not by the host. It wraps a
// job worker factory, records every job main sends and, when armed, holds the next job answer ('done' /
// 'failed') until the test releases it (answers pass straight through otherwise). While an answer is held the host has nothing left to compute: a test can check that the
// api call is still waiting, so its result can only come from the worker, by counting messages, not timing them.
import type { JobWorkerToMain, MainToJobWorker, SpawnJobWorker } from '../protocol';

export interface HeldAnswer {
  message: Extract<JobWorkerToMain, { type: 'done' | 'failed' }>;
  /** Delivers the answer to main. */
  release(): void;
}

export interface GatedJobWorkers {
  spawn: SpawnJobWorker;
  /** Every job main sent to a worker, in order. */
  sent: MainToJobWorker[];
  /** Arms the gate: the next answer a worker gives is held and resolves this. */
  holdNextAnswer(): Promise<HeldAnswer>;
}

export function gatedJobWorkers(inner: SpawnJobWorker): GatedJobWorkers {
  const sent: MainToJobWorker[] = [];
  let armed: ((answer: HeldAnswer) => void) | null = null;
  /** True when the answer was held (the gate was armed). */
  const hold = (answer: HeldAnswer): boolean => {
    const take = armed;
    armed = null;
    take?.(answer);
    return take !== null;
  };
  const spawn: SpawnJobWorker = () => {
    const worker = inner();
    return {
      send(msg) {
        sent.push(msg);
        worker.send(msg);
      },
      onMessage(listener) {
        worker.onMessage((msg) => {
          if ((msg.type === 'done' || msg.type === 'failed') && hold({ message: msg, release: () => listener(msg) })) return;
          listener(msg);
        });
      },
      onExit: (listener) => worker.onExit(listener),
      onOutput: (listener) => worker.onOutput(listener),
      kill: () => worker.kill(),
    };
  };
  const holdNextAnswer = (): Promise<HeldAnswer> => {
    if (armed) throw new Error('the gate is already armed');
    return new Promise((resolve) => (armed = resolve));
  };
  return { spawn, sent, holdNextAnswer };
}

/**
 * Runs `call` (an api call that should hand its work to the job worker) and returns the worker's held answer
 * with the call's still-pending result. Fails when the call settles before any worker answered: then the
 * host did the work itself.
 */
export async function answerFromWorker<T>(gate: GatedJobWorkers, call: () => Promise<T>): Promise<{ answer: HeldAnswer; settled: () => boolean; result: Promise<T> }> {
  let done = false;
  const held = gate.holdNextAnswer();
  const result = call().finally(() => (done = true));
  const answer = await Promise.race([
    held,
    result.then(
      () => Promise.reject(new Error('the api call answered before any job worker did: the host did the work itself')),
      (err) => Promise.reject(new Error(`the api call failed before any job worker answered: ${err instanceof Error ? err.message : String(err)}`)),
    ),
  ]);
  return { answer, settled: () => done, result };
}
