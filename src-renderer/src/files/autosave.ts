// When to write the recovery copy: debounced after each change (so a drag does not write on every frame), but at
// least every `maxWaitMs` during continuous editing, at once when the page is hidden, and removed as soon as the
// document is clean again. Pure timing logic; what is written and where is the caller's (FileSafety.tsx).
export interface AutosaverOptions {
  /** Writes the current state; resolves false when it could not (it is tried again later). */
  write(): Promise<boolean>;
  /** Removes the copy. */
  clear(): Promise<void>;
  /** Quiet time after the last change before writing. */
  delayMs: number;
  /** Longest time a change waits while changes keep coming. */
  maxWaitMs: number;
  /** A copy is on disk already (an earlier one was restored), so becoming clean must clear it. */
  copyExists?: boolean;
  now?: () => number;
}

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPendingAt = 0;
  /** A copy may exist on disk (written, or a write was attempted), so a clean document must clear it. */
  private maybeOnDisk = false;
  private disposed = false;
  private dirty = false;

  constructor(private readonly opts: AutosaverOptions) {
    this.maybeOnDisk = opts.copyExists ?? false;
  }

  /** Call after every change of the document; `dirty`: it has unsaved changes. */
  changed(dirty: boolean): void {
    if (this.disposed) return;
    this.dirty = dirty;
    if (!dirty) {
      this.cancel();
      if (this.maybeOnDisk) {
        this.maybeOnDisk = false;
        void this.opts.clear();
      }
      return;
    }
    const now = this.now();
    if (this.timer === null) this.firstPendingAt = now;
    else clearTimeout(this.timer);
    const due = Math.min(now + this.opts.delayMs, this.firstPendingAt + this.opts.maxWaitMs);
    this.timer = setTimeout(() => this.fire(), Math.max(0, due - now));
  }

  /** Writes a pending change now (the page is being hidden or closed). */
  flush(): void {
    if (this.timer !== null) this.fire();
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  dispose(): void {
    this.cancel();
    this.disposed = true;
  }

  private fire(): void {
    this.cancel();
    this.maybeOnDisk = true;
    void this.opts.write().then(
      (ok) => {
        // Not written (host unreachable): try again later, unless something newer is already scheduled.
        if (!ok && this.dirty && !this.disposed && this.timer === null) {
          this.firstPendingAt = this.now();
          this.timer = setTimeout(() => this.fire(), this.opts.maxWaitMs);
        }
      },
      () => {},
    );
  }

  private cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }
}
