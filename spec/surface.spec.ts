// The public surface of each entry point, as sorted runtime names: every export is a semver promise, so
// adding or dropping one must show up as a diff of this file, reviewed on purpose.
import { expect } from 'chai';

const SURFACE: Record<string, string[]> = {
  '../lib/index.js': [
    'AbortError',
    'ApiError',
    'App',
    'AppUser',
    'Attachment',
    'AuthenticationError',
    'Author',
    'BadRequestError',
    'CarouselContent',
    'Client',
    'Collection',
    'ConfigurationError',
    'ConflictError',
    'Connection',
    'ConnectionError',
    'Content',
    'Conversation',
    'DEFAULT_BODY_LIMIT',
    'DEFAULT_INTEGRATION_NAME',
    'DEFAULT_MAX_DEPTH',
    'DEFAULT_MAX_SOCKETS',
    'DEFAULT_RETRY_POLICY',
    'Device',
    'FileContent',
    'ForbiddenError',
    'FormContent',
    'FormResponseContent',
    'ImageContent',
    'Integration',
    'IntegrationKey',
    'Key',
    'ListContent',
    'LocationContent',
    'LockedError',
    'MAX_JSON_BYTES',
    'MAX_UPLOAD_BYTES',
    'Message',
    'Model',
    'NotFoundError',
    'Notification',
    'OAUTH_BASE_URL',
    'OAuth',
    'ParseError',
    'Participant',
    'Profile',
    'RateLimitError',
    'ResponseTooLargeError',
    'ServerError',
    'SmoochError',
    'Switchboard',
    'SwitchboardIntegration',
    'TemplateContent',
    'TextContent',
    'TimeoutError',
    'VERSION',
    'WEBHOOK_TRIGGERS',
    'Webhook',
    'WebhookVerificationError',
    'configure',
    'isWebhookTrigger',
    'jwtForUser',
    'path',
    'resetConfiguration',
  ],
  '../lib/testing/index.js': [
    'TEST_IDS',
    'deliverWebhook',
    'webhookDelivery',
    'webhookEvent',
    'webhookHeaders',
  ],
  '../lib/sandbox/index.js': ['startSandbox'],
};

describe('public surface', () => {
  for (const [entry, names] of Object.entries(SURFACE)) {
    it(`${entry} exports exactly its documented names`, async () => {
      const module = (await import(entry)) as Record<string, unknown>;
      expect(Object.keys(module).sort()).to.deep.equal([...names].sort());
    });
  }
});
