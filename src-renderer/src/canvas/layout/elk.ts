// Layouts for the app. ELK runs in a web worker (elkjs's own worker script, copied into the build): its first
// layouts take seconds until its code is warm, and the canvas must not freeze meanwhile. A layout still running
// when a newer one starts is cancelled by ending its worker; where a worker cannot start, ELK runs on the page
// (same results, slower). Graphs over LAYERED_ABOVE_NODES nodes get the own layered layout (./layered.ts)
// directly on the page instead: 10-85 ms for 300 nodes, less than a worker round trip, and far less than ELK.
import ElkApi, { type ELK } from 'elkjs/lib/elk-api';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import { layoutGraph, type LayoutRequest, type LayoutResult } from './engine';
import { LAYERED_ABOVE_NODES, layeredLayout } from './layered';

export class LayoutCancelled extends Error {
  constructor() {
    super('layout cancelled by a newer one');
    this.name = 'LayoutCancelled';
  }
}

interface WorkerElk {
  elk: ELK;
  /** Rejects when the worker fails or is cancelled. */
  failed: Promise<never>;
  fail(err: Error): void;
  busy: boolean;
}

let current: WorkerElk | null = null;
let onPage: Promise<ELK> | null = null;
let workersWork = typeof Worker !== 'undefined';
let generation = 0;

function startWorker(): WorkerElk {
  let fail: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {});
  const elk = new ElkApi({
    workerFactory: () => {
      const w = new Worker(elkWorkerUrl);
      w.addEventListener('error', (e) => fail(new Error(`layout worker failed: ${e.message || 'could not load'}`)));
      return w;
    },
  });
  return { elk, failed, fail, busy: false };
}

/**
 * Starts the layout worker ahead of the first layout. Loading and compiling ELK's worker script takes about a
 * second (measured: the first layout of a page 1.2-1.4 s, later ones 0.1-0.6 s); started while the app boots,
 * that second overlaps the boot instead of delaying the first graph's view. Failures are left to the first
 * layout, which falls back to the page as before.
 */
export function prewarmLayout(): void {
  if (!workersWork || current) return;
  try {
    current = startWorker();
  } catch {
    current = null;
  }
}

function pageElk(): Promise<ELK> {
  onPage ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return onPage;
}

/** Lays the graph out; rejects with LayoutCancelled when another layout started before this one ended. */
export async function runLayout(req: LayoutRequest): Promise<LayoutResult> {
  const started = performance.now();
  const result = (req.nodes.length > LAYERED_ABOVE_NODES ? layeredNow(req) : null) ?? (await layoutOnce(req));
  // A user-timing entry per layout: the benchmark reads how long layouts take from the page.
  performance.measure(LAYOUT_MEASURE, { start: started, detail: { nodes: req.nodes.length, arrangement: result.arrangement } });
  return result;
}

/** Name of the performance.measure entry each finished layout leaves (read by bench/browser.ts). */
export const LAYOUT_MEASURE = 'layerlab-layout';

/** Ends the ELK layout in flight (its answer would be thrown away anyway). */
function cancelInFlight(): void {
  if (!current?.busy) return;
  current.elk.terminateWorker();
  current.fail(new LayoutCancelled());
  current = null;
}

/** The layered layout, superseding any ELK layout in flight; null for a graph with a cycle (ELK takes it). */
function layeredNow(req: LayoutRequest): LayoutResult | null {
  let result: LayoutResult | null;
  try {
    result = layeredLayout(req);
  } catch (err) {
    // A bug in the own layout must not leave a graph unplaced: ELK takes it.
    console.warn(`Layered layout failed, using ELK instead: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  if (result) {
    ++generation;
    cancelInFlight();
  }
  return result;
}

async function layoutOnce(req: LayoutRequest): Promise<LayoutResult> {
  const mine = ++generation;
  const check = <T>(v: T): T => {
    if (mine !== generation) throw new LayoutCancelled();
    return v;
  };
  if (workersWork) {
    cancelInFlight();
    try {
      current ??= startWorker();
      const w = current;
      w.busy = true;
      try {
        return check(await Promise.race([layoutGraph(w.elk, req), w.failed]));
      } finally {
        if (current === w) w.busy = false;
      }
    } catch (err) {
      if (err instanceof LayoutCancelled || mine !== generation) throw new LayoutCancelled();
      console.warn(`Layout worker unavailable, laying out on the page instead: ${err instanceof Error ? err.message : String(err)}`);
      workersWork = false;
      current = null;
    }
  }
  return check(await layoutGraph(await pageElk(), req));
}
