// The PyTorch process of one run: spawned in its own process group (torchrun's workers included, so one kill
// ends them all), its stdout split into events and output lines, commands written to its stdin. If the
// LayerLab worker dies, the process's stdin closes and the script stops after its current batch.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { lineSplitter } from '../../web/lines';
import { parseEventLine, type TorchEvent } from './events';

export interface TorchProcessOptions {
  argv: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  onEvent(event: TorchEvent): void;
  /** Output that is not an event (stdout and stderr), line by line. */
  onOutput(line: string, stream: 'stdout' | 'stderr'): void;
}

export interface TorchExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not start at all (e.g. the Python path does not exist). */
  spawnError?: string;
  /** An event line that could not be read (the run fails with it). */
  protocolError?: string;
}

export class TorchProcess {
  readonly exited: Promise<TorchExit>;
  private readonly child: ChildProcessWithoutNullStreams;
  private ended = false;

  constructor(opts: TorchProcessOptions) {
    const [program, ...args] = opts.argv;
    this.child = spawn(program, args, {
      cwd: opts.cwd,
      env: { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let protocolError: string | undefined;
    this.child.stdout.on(
      'data',
      lineSplitter((line) => {
        let event: TorchEvent | null = null;
        try {
          event = parseEventLine(line);
        } catch (err) {
          protocolError ??= (err as Error).message;
          this.kill();
          return;
        }
        if (event) opts.onEvent(event);
        else opts.onOutput(line, 'stdout');
      }),
    );
    this.child.stderr.on('data', lineSplitter((line) => opts.onOutput(line, 'stderr')));
    // A closed stdin while we write (the process already ended) is not an error worth reporting.
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      let spawnError: string | undefined;
      this.child.once('error', (err: NodeJS.ErrnoException) => {
        spawnError = err.code === 'ENOENT' ? `${program} was not found` : err.message;
        if (this.child.pid === undefined) {
          this.ended = true;
          resolve({ code: null, signal: null, spawnError, protocolError });
        }
      });
      this.child.once('close', (code, signal) => {
        this.ended = true;
        resolve({ code, signal, spawnError, protocolError });
      });
    });
  }

  /** Writes one command line ('stop', 'pause', 'resume'). */
  send(command: 'stop' | 'pause' | 'resume'): void {
    if (!this.ended && this.child.stdin.writable) this.child.stdin.write(`${command}\n`);
  }

  /** Ends the whole process group at once (torchrun and its workers). */
  kill(): void {
    if (this.ended || this.child.pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill('SIGKILL');
      else process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
