/**
 * One `abort` listener per caller's signal, however many calls share it. got listens on the signal of each
 * attempt, so 11 concurrent calls sharing one `AbortSignal` made Node print `MaxListenersExceededWarning`.
 * Each call gets a signal of its own instead, aborted (with the same reason) by the one listener here.
 */

/** The calls in flight on each caller's signal; a signal nobody holds any more drops its entry. */
const inFlight = new WeakMap<AbortSignal, Set<AbortController>>();

/** A call's own signal, and `release()` to call when the call ends. */
export interface LinkedSignal {
  signal: AbortSignal;
  release(): void;
}

/**
 * A signal that aborts when `signal` does, without adding a listener to `signal` for each call.
 * @example const link = linkSignal(options.signal); try { await got(url, { signal: link.signal }); } finally { link.release(); }
 */
export function linkSignal(signal: AbortSignal): LinkedSignal {
  let calls = inFlight.get(signal);
  if (!calls) {
    const created = new Set<AbortController>();
    calls = created;
    inFlight.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        for (const call of created) call.abort(signal.reason);
        created.clear();
      },
      { once: true },
    );
  }
  const controller = new AbortController();
  const set = calls;
  set.add(controller);
  return { signal: controller.signal, release: () => void set.delete(controller) };
}
