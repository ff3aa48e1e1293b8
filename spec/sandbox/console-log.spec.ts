// The console's log lines, as text and as JSON: what a developer reads while the sandbox serves.
import { expect } from 'chai';
import { deliveryLine, requestLine } from '../../lib/sandbox/console-log.js';

describe('sandbox: console log lines', () => {
  const request = { method: 'POST', path: '/v2/apps/a1/conversations/c1/passControl', status: 200, ms: 3 };
  const delivered = {
    webhookId: 'w1',
    target: 'http://127.0.0.1:3000/hooks',
    eventTypes: ['conversation:message'],
  };

  it('writes a request as method, path, status, ms and operation', () => {
    expect(requestLine({ ...request, operation: 'PassControl' }, 'text')).to.equal(
      'POST   /v2/apps/a1/conversations/c1/passControl 200 3ms  PassControl',
    );
    expect(requestLine({ ...request, path: '/nowhere', status: 501 }, 'text')).to.equal(
      'POST   /nowhere 501 3ms',
    );
    expect(JSON.parse(requestLine({ ...request, operation: 'PassControl' }, 'json'))).to.deep.equal({
      kind: 'request',
      ...request,
      operation: 'PassControl',
    });
  });

  it('writes a delivery as triggers, target, status and attempt, or why it failed', () => {
    expect(deliveryLine({ ...delivered, attempt: 1, status: 200 }, 'text')).to.equal(
      'webhook conversation:message -> http://127.0.0.1:3000/hooks 200 attempt 1',
    );
    expect(deliveryLine({ ...delivered, attempt: 2, error: 'fetch failed' }, 'text')).to.equal(
      'webhook conversation:message -> http://127.0.0.1:3000/hooks failed (fetch failed) attempt 2',
    );
    expect(JSON.parse(deliveryLine({ ...delivered, attempt: 3, status: 500 }, 'json'))).to.deep.equal({
      kind: 'delivery',
      eventTypes: ['conversation:message'],
      target: delivered.target,
      status: 500,
      attempt: 3,
    });
  });
});
