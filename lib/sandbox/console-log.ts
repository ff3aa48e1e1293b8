/**
 * The console's lines: one per request (method, path, status, ms, operation) and one per webhook delivery
 * attempt (triggers, target, status, attempt), as text or, with `--json`, as one JSON object per line.
 */
import type { DeliveryAttempt } from './deliveries.js';
import type { RequestLogEntry } from './router.js';

/** How lines are written. */
export type LogFormat = 'text' | 'json';

/**
 * A request log line.
 * @example requestLine({ method: 'GET', path: '/v2/apps/1', status: 200, ms: 2, operation: 'GetApp' }, 'text')
 */
export function requestLine(entry: RequestLogEntry, format: LogFormat): string {
  if (format === 'json') return JSON.stringify({ kind: 'request', ...entry });
  const operation = entry.operation ? `  ${entry.operation}` : '';
  return `${entry.method.padEnd(6)} ${entry.path} ${entry.status} ${entry.ms}ms${operation}`;
}

/**
 * A delivery log line (the error message when no status came back).
 * @example deliveryLine(sandbox.deliveries[0], 'text')
 */
export function deliveryLine(attempt: DeliveryAttempt, format: LogFormat): string {
  const { eventTypes, target, status, attempt: number, error } = attempt;
  if (format === 'json')
    return JSON.stringify({ kind: 'delivery', eventTypes, target, status, attempt: number, error });
  return `webhook ${eventTypes.join(',')} -> ${target} ${status ?? `failed (${error})`} attempt ${number}`;
}
