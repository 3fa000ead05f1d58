// Stop / pause / resume requests for a running fit loop. The loop acts on them between batches.

export class TrainControl {
  private stopRequested = false;
  private pauseRequested = false;
  private wake: (() => void) | null = null;
  private readonly listeners: ((request: 'stop' | 'pause' | 'resume') => void)[] = [];

  /** Calls `listener` on every request (the PyTorch engine forwards them to its process). */
  onRequest(listener: (request: 'stop' | 'pause' | 'resume') => void): void {
    this.listeners.push(listener);
  }

  get stopping(): boolean {
    return this.stopRequested;
  }

  get pausing(): boolean {
    return this.pauseRequested && !this.stopRequested;
  }

  stop(): void {
    this.stopRequested = true;
    this.release();
    this.listeners.forEach((l) => l('stop'));
  }

  pause(): void {
    this.pauseRequested = true;
    this.listeners.forEach((l) => l('pause'));
  }

  resume(): void {
    this.pauseRequested = false;
    this.release();
    this.listeners.forEach((l) => l('resume'));
  }

  /** Resolves when resumed or stopped. Call only when `pausing` is true. */
  waitForResume(): Promise<void> {
    if (!this.pausing) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
