/** The error of a throttle whose queue is full (kept apart so the lane and the surface share it). */
import { SmoochError } from '../errors.js';

/**
 * The call was not sent: `throttle.maxQueue` calls of its app were already waiting.
 * @example catch (e) { if (e instanceof QueueFullError) await later(item); }
 */
export class QueueFullError extends SmoochError {
  override name = 'QueueFullError';
}
