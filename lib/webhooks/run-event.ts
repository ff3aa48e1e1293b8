/**
 * Runs the handlers of a delivery's events so that each handler's success counts: every (event, handler) pair
 * is one key in the event store, claimed before it runs and marked done when it succeeds, so a retry (after a
 * later handler failed, or after a timeout) runs only the pairs not yet done. Shared by `Notification.handler`
 * and the queue's workers.
 */
import { randomUUID } from 'node:crypto';
import { type EventStore, EventStoreError } from './event-store.js';
import type { WebhookEvent } from './events.js';
import type { Delivery, EventHandler, RunOptions } from './types.js';

/** One handler of one event. */
interface Step {
  key: string;
  event: WebhookEvent;
  handler: EventHandler;
}

/** An event handler threw; the delivery is answered 500 (or the job retried) and a retry runs it again. */
export class HandlerFailure extends Error {
  override name = 'HandlerFailure';
  constructor(
    readonly error: unknown,
    readonly event: WebhookEvent,
  ) {
    super('Event handler failed', { cause: error });
  }
}

/** `done`: every handler succeeded (now or before); `busy`: another run holds one; `stopped`: told to stop. */
export type RunOutcome = 'done' | 'busy' | 'stopped';

/**
 * Runs the handlers of `events` in order. Throws `HandlerFailure` or `EventStoreError`.
 * @example const outcome = await runEvents(notification.events, notification, { on, store }, 60_000);
 */
export async function runEvents(
  events: readonly WebhookEvent[],
  delivery: Delivery,
  options: RunOptions & { store: EventStore | undefined },
  lease: number,
  stop: () => boolean = () => false,
): Promise<RunOutcome> {
  const steps = stepsOf(events, options);
  const { store } = options;
  if (store === undefined) {
    for (const step of steps) {
      if (stop()) return 'stopped';
      await runStep(step, delivery);
    }
    return 'done';
  }
  const owner = randomUUID();
  const keys = steps.map((step) => step.key);
  const states = await storeCall('claim', () => store.claim(keys, owner, lease));
  const claimed = keys.filter((_, i) => states[i] === 'claimed');
  if (states.includes('busy')) {
    await storeCall('release', () => store.release(claimed, owner));
    return 'busy';
  }
  const todo = steps.filter((_, i) => states[i] === 'claimed');
  for (const [i, step] of todo.entries()) {
    const rest = claimed.slice(i);
    if (stop()) {
      await storeCall('release', () => store.release(rest, owner));
      return 'stopped';
    }
    try {
      await runStep(step, delivery);
    } catch (error) {
      await storeCall('release', () => store.release(rest, owner));
      throw error;
    }
    try {
      await storeCall('markDone', () => store.markDone(step.key, owner));
    } catch (error) {
      // The store is failing: freeing the rest may fail too, and their leases end them anyway.
      await store.release(rest.slice(1), owner).catch(() => {});
      throw error;
    }
  }
  return 'done';
}

/** The (event, handler) pairs of `events`, each key once (an event id may repeat within a delivery). */
function stepsOf(events: readonly WebhookEvent[], options: RunOptions): Step[] {
  const steps = new Map<string, Step>();
  for (const event of events) {
    const on = options.on?.[event.type] as EventHandler | undefined;
    if (on) steps.set(`${event.id}:on`, { key: `${event.id}:on`, event, handler: on });
    if (options.onEvent)
      steps.set(`${event.id}:onEvent`, { key: `${event.id}:onEvent`, event, handler: options.onEvent });
  }
  return [...steps.values()];
}

async function runStep(step: Step, delivery: Delivery): Promise<void> {
  try {
    await step.handler(step.event, delivery);
  } catch (error) {
    throw new HandlerFailure(error, step.event);
  }
}

/** A store call whose failure is an `EventStoreError` (a custom store's own errors are wrapped). */
async function storeCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EventStoreError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new EventStoreError(`The event store failed to ${what}: ${message}`, { cause: error });
  }
}
