/**
 * What the sandbox knows of each integration type: the fields a create must carry, and the write-only
 * credentials it never returns (as the spec marks them).
 */

/** Required create fields by integration type (from the spec's schemas of each type). */
export const REQUIRED: Record<string, readonly string[]> = {
  android: [],
  apple: ['businessId', 'apiSecret', 'mspId'],
  custom: ['webhooks'],
  instagram: ['pageAccessToken', 'appId', 'appSecret'],
  ios: [],
  line: [],
  mailgun: ['apiKey', 'domain', 'incomingAddress'],
  messagebird: ['accessKey', 'signingKey', 'originator'],
  messenger: ['pageAccessToken', 'appId', 'appSecret'],
  telegram: ['token'],
  twilio: ['accountSid', 'authToken'],
  twitter: ['tier', 'consumerKey', 'consumerSecret', 'accessTokenKey', 'accessTokenSecret'],
  unity: [],
  viber: ['token'],
  web: [],
  whatsapp: [],
};

/** Every integration type the API has. */
export const INTEGRATION_TYPES = Object.keys(REQUIRED);

/** Credentials the API accepts but never sends back. */
export const WRITE_ONLY = new Set([
  'accessKey',
  'accessTokenKey',
  'accessTokenSecret',
  'apiKey',
  'apiSecret',
  'appSecret',
  'authToken',
  'certificate',
  'clientEmail',
  'consumerKey',
  'consumerSecret',
  'pageAccessToken',
  'password',
  'privateKey',
  'projectId',
  'serverKey',
  'signingKey',
  'token',
]);

/** Fields that stay readable although a type lists them among its credentials (Messenger's page token). */
export const READABLE_BY_TYPE: Record<string, readonly string[]> = { messenger: ['pageAccessToken'] };

/** The v2 webhook triggers: the same list the client's Webhook model and event parser use. */
export { WEBHOOK_TRIGGERS as TRIGGERS } from '../webhooks/triggers.js';
