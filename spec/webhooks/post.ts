// A node:http client for the webhook handler specs: POSTs a body (chunked when given as several chunks).
import { request } from 'node:http';

/** What the handler answered. */
export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** POSTs `body` (chunked when it is an array) and resolves with the answer. */
export function post(
  url: string,
  body: string | string[],
  headers: Record<string, string>,
  method = 'POST',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks = Array.isArray(body) ? body : [body];
    const extra = Array.isArray(body) ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(url, { method, headers: { ...headers, ...extra } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
