// A control training run started on the e2e web host over its WebSocket api (not through the page), counting
// its batch events. A spec compares counts against it instead of waiting a fixed time: "while the control
// trained N batches, the paused run trained none" holds however loaded the machine is.
import WebSocket from 'ws';

export interface ControlRun {
  runId: string;
  batches(): number;
  stop(): Promise<void>;
}

export async function startControlRun(graph: object): Promise<ControlRun> {
  const page = new URL(process.env.LAYERLAB_URL!);
  const ws = new WebSocket(`ws://${page.host}/api?token=${page.searchParams.get('token')}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const pending = new Map<number, (msg: { ok: boolean; result?: unknown; error?: { message: string } }) => void>();
  const batchesOf = new Map<string, number>();
  let ended: (() => void) | null = null;
  let runId = '';
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.kind === 'response') pending.get(msg.id)?.(msg);
    if (msg.kind === 'event' && msg.event === 'train') {
      const e = msg.payload as { runId: string; type: string };
      if (e.type === 'batch') batchesOf.set(e.runId, (batchesOf.get(e.runId) ?? 0) + 1);
      if (e.runId === runId && (e.type === 'done' || e.type === 'failed')) ended?.();
    }
  });
  let id = 0;
  const call = async (method: string, payload: unknown): Promise<unknown> => {
    const res = await new Promise<{ ok: boolean; result?: unknown; error?: { message: string } }>((resolve) => {
      pending.set(++id, resolve);
      ws.send(JSON.stringify({ kind: 'request', id, method, payload }));
    });
    if (!res.ok) throw new Error(`${method}: ${res.error?.message}`);
    return res.result;
  };
  runId = ((await call('startTraining', { graph })) as { runId: string }).runId;
  return {
    runId,
    batches: () => batchesOf.get(runId) ?? 0,
    async stop() {
      const done = new Promise<void>((resolve) => (ended = resolve));
      await call('stopTraining', { runId });
      await done;
      // Out of the Runs panel the spec looks at next.
      await call('deleteRun', { runId });
      ws.close();
    },
  };
}
