/**
 * Every answer other than 200, told to `onReject` with its status and reason, so that no delivery is refused
 * in silence (a wrong secret used to fail invisibly). The secret never enters a reason: the reasons are ours,
 * and any occurrence of a secret in an error message is masked before it is told.
 */
import type { ServerResponse } from 'node:http';
import type { WebhookEvent } from './events.js';
import type { WebhookRequest } from './read-body.js';

/** Why a delivery was not answered 200. */
export type RejectionKind =
  | 'method'
  | 'unauthorized'
  | 'too-large'
  | 'read-timeout'
  | 'malformed'
  | 'unreadable'
  | 'handler-failed'
  | 'busy'
  | 'timeout'
  | 'store-unavailable'
  | 'queue-unavailable';

/**
 * One refused delivery: the status answered, why, and what is known of it.
 * @example onReject: ({ status, reason }) => logger.warn(`webhook answered ${status}: ${reason}`)
 */
export interface Rejection {
  status: 400 | 401 | 405 | 408 | 413 | 500 | 503;
  kind: RejectionKind;
  /** A sentence for the log; never holds the secret. */
  reason: string;
  /** The error behind it, if any (an event handler's, the store's, the body parser's). */
  error?: unknown;
  /** The event concerned, when there is one. */
  event?: WebhookEvent;
}

const TEXT: Record<Rejection['status'], string> = {
  400: 'Malformed webhook body',
  401: 'Unauthorized',
  405: 'Method not allowed',
  408: 'Request timeout',
  413: 'Payload too large',
  500: 'Webhook not handled',
  503: 'Try again later',
};

/**
 * The default `onReject`: one line on stderr.
 * @example logRejection({ status: 401, kind: 'unauthorized', reason: 'X-API-Key does not match the webhook secret' });
 */
export function logRejection(rejection: Rejection): void {
  console.warn(`Webhook delivery answered ${rejection.status}: ${rejection.reason}`);
}

/** `text` with every secret masked. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[secret]');
  return out;
}

/** Writes a refusal (or the 200) to `res`; a refused body still arriving is not read: the connection closes. */
export function answer(res: ServerResponse, status: number, req: WebhookRequest, text?: string): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  if (status === 405) res.setHeader('allow', 'POST');
  if (status >= 400 && status < 500 && !req.readableEnded) {
    res.setHeader('connection', 'close');
    req.resume?.();
  }
  res.end(text ?? TEXT[status as Rejection['status']] ?? 'OK');
}
