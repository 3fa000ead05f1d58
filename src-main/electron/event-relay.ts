// Used by the preload: passes api events from main to the page's listeners, and keeps the menu commands that
// arrive before the page has subscribed (a file the OS opened the app with is sent once the page loaded, which
// can be before React's effects subscribe). No imports: the sandboxed preload bundles this.
export interface EventRelay {
  /** Called for every event main sends. */
  dispatch(name: unknown, payload: unknown): void;
  /** The page subscribes; events kept for `name` follow in a microtask. */
  on(name: string, listener: (payload: unknown) => void): () => void;
}

export function createEventRelay(opts: { keep: readonly string[]; maxKept?: number }): EventRelay {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let kept: { name: string; payload: unknown }[] = [];
  const maxKept = opts.maxKept ?? 16;

  const call = (set: Set<(payload: unknown) => void>, payload: unknown) => {
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (err) {
        console.error('api event listener failed:', err);
      }
    }
  };

  const release = (name: string) => {
    const set = listeners.get(name);
    if (!set || set.size === 0) return; // unsubscribed again before the microtask: keep them
    const mine = kept.filter((k) => k.name === name);
    kept = kept.filter((k) => k.name !== name);
    for (const k of mine) call(set, k.payload);
  };

  return {
    dispatch(name, payload) {
      if (typeof name !== 'string') return;
      const set = listeners.get(name);
      if (set && set.size > 0) call(set, payload);
      else if (opts.keep.includes(name)) {
        kept.push({ name, payload });
        if (kept.length > maxKept) kept.shift();
      }
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      if (kept.some((k) => k.name === name)) queueMicrotask(() => release(name));
      return () => {
        set.delete(listener);
      };
    },
  };
}
