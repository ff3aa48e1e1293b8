/**
 * Runs a webhook handler on a built delivery in memory: a readable request with the delivery's headers and
 * body, and a response that records status, headers and body. No server, no port.
 */
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { WebhookRequest } from '../webhooks/read-body.js';

/** What the handler answered. */
export interface DeliveredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How to deliver. */
export interface DeliverOptions {
  /** Default POST. */
  method?: string;
  /** Set `req.body` to the parsed object, as Express's `express.json()` would. */
  parsed?: boolean;
  /** Headers added to (or replacing) the delivery's. */
  headers?: Record<string, string>;
}

type Handler = (req: WebhookRequest, res: ServerResponse) => unknown;

/**
 * Sends `delivery` to `handler` and resolves with its answer.
 * @example
 * const response = await deliverWebhook(Notification.handler({ secret, on }), webhookDelivery('conversation:message', { secret }));
 * expect(response.status).to.equal(200);
 */
export async function deliverWebhook(
  handler: Handler,
  delivery: { body: string; headers: Record<string, string> },
  options: DeliverOptions = {},
): Promise<DeliveredResponse> {
  const req = Object.assign(Readable.from([Buffer.from(delivery.body)]), {
    method: options.method ?? 'POST',
    url: '/',
    headers: lowerCase({ ...delivery.headers, ...options.headers }),
    ...(options.parsed ? { body: JSON.parse(delivery.body) as unknown } : {}),
  });
  const res = new RecordingResponse();
  await handler(req as unknown as WebhookRequest, res as unknown as ServerResponse);
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

/** The part of `ServerResponse` the webhook handler uses. */
class RecordingResponse {
  statusCode = 200;
  headersSent = false;
  body = '';
  readonly headers: Record<string, string> = {};

  setHeader(name: string, value: string | number): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }

  end(chunk?: string | Buffer): this {
    this.headersSent = true;
    if (chunk !== undefined) this.body += chunk.toString();
    return this;
  }
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
