/**
 * The rate one app's calls are paced at, learnt from the API's answers (AIMD, as TCP learns a link's
 * capacity): too many 429s cut the rate to what the API accepted, each success adds `INCREASE` requests
 * per second.
 *
 * Why this shape and not a pause of every call for `Retry-After`: the API's limiter refills continuously
 * (about one token every 2 ms at 500 requests/s) but `Retry-After` speaks in whole seconds, so pausing the
 * whole app for it would leave it idle for most of each second. The refused call itself still waits what
 * `Retry-After` asked (retry-policy.ts); every other call only slows to the learnt rate.
 * Why `epoch`: the calls already sent when the first 429 arrives are refused too; their 429s say nothing new,
 * so only 429s for calls released after the last decrease (in the current epoch) are judged, and only once
 * `JUDGE_AFTER` were released (else a burst of 50 refusals would take the rate to the floor).
 */

/** At the first 429, the rate starts at this share of the rate the app was answered at. */
export const START = 0.8;
/** After a decrease the rate keeps this share of what the API accepted: a margin below the limit. */
export const MARGIN = 0.9;
/** Releases of one epoch before its 429s are judged: fewer say too little about the limit. */
export const JUDGE_AFTER = 20;
/** Refused share of an epoch's releases above which the rate decreases (below it: noise at the limit). */
export const TOLERATED = 0.05;
/** Requests per second added per success, so the rate grows by a tenth of itself each second. */
export const INCREASE = 0.1;
/** The rate never falls below this (requests per second): a paced app still makes progress. */
export const MIN_RATE = 1;
/** Window over which answers are counted to estimate the rate at the first 429, in ms. */
const WINDOW_MS = 1000;

/** What a rate change tells the lane: the new rate and epoch. */
export interface RateState {
  /** Requests per second, or undefined while not throttled. */
  rate: number | undefined;
  epoch: number;
}

/** The pacing state of one app in one process. */
export class AimdRate implements RateState {
  rate: number | undefined = undefined;
  epoch = 0;
  /** Calls released, and refused, in the current epoch. */
  #released = 0;
  #refused = 0;
  /** Timestamps (ms) of recent answers (successes and the first 429), oldest first, for the first estimate. */
  #recent: number[] = [];

  /** A call was released in the current epoch. */
  released(): void {
    this.#released += 1;
  }

  /**
   * A call released in `epoch` was answered 429: the new state, or undefined when the rate stays. The
   * decrease keeps what the API accepted of this epoch (`rate * (1 - refused share)`) times `MARGIN`: at
   * 1.6x the limit, 37% are refused and one step lands just under the limit, where a fixed factor would
   * take several steps, each with its 429s.
   */
  refused(epoch: number, now: number): RateState | undefined {
    if (this.rate === undefined) {
      this.#answered(now);
      this.rate = Math.max(MIN_RATE, this.#observedRate(now) * START);
    } else {
      if (epoch !== this.epoch) return undefined;
      this.#refused += 1;
      const share = this.#refused / Math.max(this.#released, 1);
      if (this.#released < JUDGE_AFTER || share <= TOLERATED) return undefined;
      this.rate = Math.max(MIN_RATE, this.rate * Math.max(0, 1 - share) * MARGIN);
    }
    return this.#nextEpoch();
  }

  /** Takes a rate decided elsewhere (the shared store) from `epoch` on. */
  adopt(rate: number, epoch: number): void {
    this.rate = rate;
    if (epoch > this.epoch) {
      this.epoch = epoch;
      this.#released = this.#refused = 0;
    }
  }

  /** A call was answered (not 429). */
  succeeded(now: number): void {
    if (this.rate !== undefined) {
      this.rate += INCREASE;
      return;
    }
    this.#answered(now);
  }

  #answered(now: number): void {
    this.#recent.push(now);
    if (this.#recent.length > 4096 || this.#recent[0]! < now - WINDOW_MS) {
      this.#recent = this.#recent.filter((t) => t >= now - WINDOW_MS);
    }
  }

  /** Throttling ended: back to unpaced. */
  reset(): void {
    this.rate = undefined;
    this.#recent = [];
  }

  #nextEpoch(): RateState {
    this.epoch += 1;
    this.#released = this.#refused = 0;
    return { rate: this.rate, epoch: this.epoch };
  }

  /** Answers per second over the last window (or since the first one, when younger): the rate the API saw. */
  #observedRate(now: number): number {
    const recent = this.#recent.filter((t) => t >= now - WINDOW_MS);
    const span = Math.max(10, now - recent[0]!);
    return (recent.length * 1000) / span;
  }
}
