/**
 * The sandbox's control endpoint, outside the API's paths: `POST /_sandbox/trigger` makes an end-user action
 * happen (see triggers.ts). It takes the same credentials as the API: an app key acts on its app, the account
 * key on the app named by `appId` (default: the sandbox's first app).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth.js';
import { readBody } from './body.js';
import type { Deliveries } from './deliveries.js';
import { forbidden, notFound } from './errors.js';
import { send } from './router.js';
import type { SandboxStore } from './store.js';
import { trigger, type TriggerInput } from './triggers.js';
import { bodyObject, text } from './validate.js';

/** The path of the trigger endpoint. */
export const TRIGGER_PATH = '/_sandbox/trigger';

/**
 * A router `extra` serving the control endpoint; resolves true when it answered.
 * @example createRouter({ ..., extra: consoleEndpoint(store, deliveries) })
 */
export function consoleEndpoint(store: SandboxStore, deliveries: Deliveries) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== TRIGGER_PATH || req.method !== 'POST') return false;
    const principal = authenticate(req.headers.authorization, store);
    const body = bodyObject((await readBody(req)).json);
    const named = text(body, 'appId');
    if (principal.scope === 'integration') throw forbidden('Triggers need an app or the account key');
    if (principal.scope === 'app' && named && named !== principal.key.appId) {
      throw forbidden('The key does not belong to this app');
    }
    const appId = principal.key.appId ?? named ?? store.apps.keys().next().value;
    const app = store.apps.get(appId ?? '');
    if (!app) throw notFound('app_not_found', 'App');
    const { appId: _, ...input } = body;
    send(res, 200, trigger(store, app, deliveries, input as unknown as TriggerInput));
    return true;
  };
}
