/**
 * One app's lane of a connection's throttle: calls in flight (bounded), calls waiting (first in, first out,
 * bounded), and the pace they are released at once the API said 429 (aimd.ts, or the shared store's).
 */
import { AbortError, TimeoutError } from '../errors.js';
import { AimdRate, INCREASE } from './aimd.js';
import type { SharedRateStore, ThrottleEvent } from './throttle-types.js';
import { QueueFullError } from './throttle-errors.js';

/** A lane's settings, checked by throttle.ts. */
export interface LaneSettings {
  concurrency: number;
  maxQueue: number;
  maxWait: number | undefined;
  recoverAfter: number;
  store: SharedRateStore | undefined;
  notify: (event: ThrottleEvent) => void;
  /** Called once when the shared store fails; the lane then paces on its own. */
  storeFailed: (error: unknown) => void;
}

/** One call's place in a lane: whether it holds a slot, and the epoch it was released in. */
export interface Ticket {
  held: boolean;
  epoch: number;
  /** Released with no call of an older epoch in flight, so its answer says something about this epoch's rate. */
  clean: boolean;
}

interface Waiter {
  ticket: Ticket;
  resolve: () => void;
  reject: (error: Error) => void;
  /** Set once it left the queue (released, aborted or timed out): later releases skip it. */
  gone: boolean;
  cleanup: () => void;
}

/** Reservations of send slots one lane may have under way in the shared store at once. */
const RESERVATIONS = 8;

export class Lane {
  readonly #app: string;
  readonly #settings: LaneSettings;
  readonly #rate = new AimdRate();
  #inFlight = 0;
  /** Calls in flight released in an older epoch: until they are answered, they take the API's tokens too. */
  #inFlightOlder = 0;
  #queue: Waiter[] = [];
  #head = 0;
  #waiting = 0;
  /** When the next call may be released (ms), while paced locally. */
  #nextSlot = 0;
  #timer: NodeJS.Timeout | undefined;
  #quiet: NodeJS.Timeout | undefined;
  /** Reservations from the shared store under way. */
  #reserving = 0;
  /** Successes since the last reservation, handed to the store so every process's successes raise the rate. */
  #successes = 0;

  constructor(app: string, settings: LaneSettings) {
    this.#app = app;
    this.#settings = settings;
  }

  /** Requests per second while throttled, else undefined. */
  get rate(): number | undefined {
    return this.#rate.rate;
  }

  get waiting(): number {
    return this.#waiting;
  }

  /** Takes a slot: `true` at once (the common case, no promise), else a promise of it. */
  enter(ticket: Ticket, signal: AbortSignal | undefined, what: string, first = false): true | Promise<void> {
    if (this.#rate.rate === undefined && this.#waiting === 0 && this.#inFlight < this.#settings.concurrency) {
      this.#take(ticket);
      return true;
    }
    if (this.#waiting >= this.#settings.maxQueue) {
      const limit = this.#settings.maxQueue;
      return Promise.reject(new QueueFullError(`Throttle queue full (${limit} waiting): ${what} not sent`));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { ticket, resolve, reject, gone: false, cleanup: () => {} };
      const leave = (error: Error): void => {
        if (waiter.gone) return;
        waiter.gone = true;
        this.#waiting -= 1;
        waiter.cleanup();
        reject(error);
      };
      const onAbort = (): void =>
        leave(
          new AbortError(`Request aborted while waiting to be sent (${what})`, { cause: signal?.reason }),
        );
      signal?.addEventListener('abort', onAbort, { once: true });
      const { maxWait } = this.#settings;
      const timer =
        maxWait === undefined
          ? undefined
          : setTimeout(
              () => leave(new TimeoutError('queue', ...splitWhat(what), ` after ${maxWait} ms`)),
              maxWait,
            );
      waiter.cleanup = () => {
        signal?.removeEventListener('abort', onAbort);
        if (timer) clearTimeout(timer);
      };
      if (first) this.#queue.splice(this.#head, 0, waiter);
      else this.#queue.push(waiter);
      this.#waiting += 1;
      this.#pump();
    });
  }

  /** The attempt of `ticket` ended; `status` 429 slows the lane. Gives its slot back (once). */
  release(ticket: Ticket, status?: number): void {
    if (status === 429) this.#refused(ticket);
    if (!ticket.held) return;
    ticket.held = false;
    this.#inFlight -= 1;
    if (ticket.epoch < this.#rate.epoch) this.#inFlightOlder -= 1;
    this.#pump();
  }

  /** The shared store failed: pace on our own from now on. */
  dropStore(): void {
    this.#settings.store = undefined;
  }

  /** A call succeeded: the rate may grow. */
  succeeded(): void {
    this.#rate.succeeded(Date.now());
    if (this.#rate.rate !== undefined) this.#successes += 1;
  }

  #take(ticket: Ticket): void {
    ticket.held = true;
    ticket.epoch = this.#rate.epoch;
    ticket.clean = this.#inFlightOlder === 0;
    this.#inFlight += 1;
    if (this.#rate.rate !== undefined && ticket.clean) this.#rate.released();
  }

  #refused(ticket: Ticket): void {
    const started = this.#rate.rate === undefined;
    if (!started && !ticket.clean) return;
    const { epoch } = ticket;
    const changed = this.#rate.refused(epoch, Date.now());
    if (changed) this.#newEpoch();
    this.#armQuiet();
    if (changed) this.#announce(started ? 'start' : 'slower');
    const { store } = this.#settings;
    if (!store || !changed) return;
    store.refused(this.#app, epoch, changed.rate!, this.#settings.recoverAfter, started).then(
      (shared) => this.#adopt(shared.rate, shared.epoch),
      (error: unknown) => this.#settings.storeFailed(error),
    );
  }

  /** Takes the shared store's rate (and epoch) as this process's own. */
  #adopt(rate: number | undefined, epoch: number): void {
    if (rate === undefined) return;
    const before = this.#rate.epoch;
    this.#rate.adopt(rate, epoch);
    if (this.#rate.epoch !== before) this.#newEpoch();
  }

  /** Every call in flight now belongs to an older epoch. */
  #newEpoch(): void {
    this.#inFlightOlder = this.#inFlight;
  }

  #announce(state: ThrottleEvent['state']): void {
    const rate = this.#rate.rate === undefined ? undefined : Math.round(this.#rate.rate * 10) / 10;
    this.#settings.notify({ appId: this.#app || undefined, state, rate, waiting: this.#waiting });
  }

  /** Throttling ends after `recoverAfter` ms without a 429 and with nobody waiting. */
  #armQuiet(): void {
    if (this.#quiet) clearTimeout(this.#quiet);
    this.#quiet = setTimeout(() => {
      this.#quiet = undefined;
      if (this.#waiting > 0) return this.#armQuiet();
      this.#announce('end');
      this.#rate.reset();
    }, this.#settings.recoverAfter);
    this.#quiet.unref();
  }

  /** Releases waiting calls while slots are free and the pace allows. */
  #pump(): void {
    while (this.#waiting > 0 && this.#inFlight < this.#settings.concurrency) {
      if (this.#rate.rate !== undefined) {
        if (this.#settings.store) return this.#pumpShared();
        const wait = this.#localWait();
        if (wait > 0) return this.#wake(wait);
      }
      this.#releaseHead();
    }
  }

  /** Ms until this process's next slot; 0 takes it. At most one slot of catch-up: a late timer releases two calls, never a burst. */
  #localWait(): number {
    const now = Date.now();
    const interval = 1000 / this.#rate.rate!;
    const slot = Math.max(this.#nextSlot, now - interval);
    if (slot > now) return slot - now;
    this.#nextSlot = slot + interval;
    return 0;
  }

  /**
   * Paced by the store: each reservation is a slot shared by every process of the app. Several are under
   * way at once (up to `RESERVATIONS`, never more than calls waiting): one at a time, a process could take
   * no more than one slot per Redis round trip and timer tick, well under its share of a 500/s limit.
   */
  #pumpShared(): void {
    const limit = Math.min(RESERVATIONS, this.#waiting, this.#settings.concurrency - this.#inFlight);
    while (this.#reserving < limit) this.#reserveOne();
  }

  #reserveOne(): void {
    this.#reserving += 1;
    const raise = this.#successes * INCREASE;
    this.#successes = 0;
    this.#settings.store!.reserve(this.#app, raise).then(
      (slot) => {
        if (slot) {
          this.#adopt(slot.rate, slot.epoch);
          setTimeout(() => this.#afterReservation(true), slot.waitMs);
          return;
        }
        // Not throttled in the store (its hash expired, or this process saw the first 429): pace locally.
        const wait = this.#rate.rate === undefined ? 0 : this.#localWait();
        if (wait === 0) return this.#afterReservation(true);
        setTimeout(() => this.#afterReservation(false), wait);
      },
      (error: unknown) => {
        this.#settings.storeFailed(error); // the store is dropped: the lane paces locally from here
        this.#afterReservation(false);
      },
    );
  }

  /** A reservation ended; `release`: its slot came, so the head of the queue goes. */
  #afterReservation(release: boolean): void {
    this.#reserving -= 1;
    if (release && this.#waiting > 0 && this.#inFlight < this.#settings.concurrency) this.#releaseHead();
    this.#pump();
  }

  #wake(ms: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, Math.ceil(ms));
  }

  #releaseHead(): void {
    while (this.#head < this.#queue.length) {
      const waiter = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined as unknown as Waiter;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      if (waiter.gone) continue;
      waiter.gone = true;
      this.#waiting -= 1;
      waiter.cleanup();
      this.#take(waiter.ticket);
      waiter.resolve();
      return;
    }
  }
}

/** `GET /v2/...` as [method, path], for errors that name the call. */
function splitWhat(what: string): [string, string] {
  const space = what.indexOf(' ');
  return [what.slice(0, space), what.slice(space + 1)];
}
