// Waiting for a run's events in tests: the first event that matches, whether it already arrived (recorded in
// `events` by a listener registered before the run started) or arrives later. Tests wait for conditions, never
// for durations; the timeout only turns a hang into a failure naming the run.
import type { TrainEvent } from '../../../shared/api';

interface EventSource {
  onEvent(listener: (event: TrainEvent) => void): () => void;
}

export function eventWaiter(service: EventSource, events: TrainEvent[], defaultTimeoutMs: number) {
  return function next(runId: string, pred: (e: TrainEvent) => boolean, timeoutMs = defaultTimeoutMs): Promise<TrainEvent> {
    const seen = events.find((e) => e.runId === runId && pred(e));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for an event of ${runId}`)), timeoutMs);
      const off = service.onEvent((e) => {
        if (e.runId === runId && pred(e)) {
          clearTimeout(timer);
          off();
          resolve(e);
        }
      });
    });
  };
}

export const isFinalEvent = (e: TrainEvent) => e.type === 'done' || e.type === 'failed';
