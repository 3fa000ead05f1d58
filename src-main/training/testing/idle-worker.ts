// A training worker for service tests that never trains: it records listeners, emits what a test tells it to,
// and reports a SIGKILL exit when killed (as a real worker process would).
import type { WorkerHandle, WorkerToMain } from '../protocol';

export class IdleWorker implements WorkerHandle {
  private messages: ((msg: WorkerToMain) => void)[] = [];
  private exits: ((code: number | null, signal: string | null) => void)[] = [];
  send() {}
  onMessage(l: (msg: WorkerToMain) => void) { this.messages.push(l); }
  onExit(l: (code: number | null, signal: string | null) => void) { this.exits.push(l); }
  onOutput() {}
  kill() { setTimeout(() => this.exit(null, 'SIGKILL'), 0); }
  exit(code: number | null, signal: string | null) { this.exits.forEach((l) => l(code, signal)); }
  emit(msg: WorkerToMain) { this.messages.forEach((l) => l(msg)); }
}
