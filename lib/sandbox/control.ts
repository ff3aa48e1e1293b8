/**
 * Switchboard actions on a conversation: PassControl, OfferControl, AcceptControl, ReleaseControl. Each
 * changes the conversation's `activeSwitchboardIntegration` / `pendingSwitchboardIntegration` and fires its
 * `switchboard:*` event with the metadata given; a valid action the state does not allow (nothing pending to
 * accept, no `next` to pass to, an offer superseded) fires the `:failure` variant instead, as the API does.
 */
import { ANY, type Context, type Route } from './context.js';
import { forbidden, SandboxHttpError } from './errors.js';
import { conversationOf, conversationTruncated } from './lookup.js';
import type { ConversationRecord, SwitchboardIntegrationWire, SwitchboardRecord, Wire } from './store.js';
import {
  controlMetadata,
  enabledSwitchboard,
  ensureActive,
  invalidTarget,
  resolveTarget,
  stateOf,
  webhookShape,
} from './switchboard-state.js';
import { bodyObject, onlyFields, text } from './validate.js';

const base = '/v2/apps/:appId/conversations/:conversationId';

/** The routes of the switchboard actions. */
export const controlRoutes: Route[] = [
  { operation: 'PassControl', method: 'POST', pattern: `${base}/passControl`, scopes: ANY, handler: pass },
  { operation: 'OfferControl', method: 'POST', pattern: `${base}/offerControl`, scopes: ANY, handler: offer },
  {
    operation: 'AcceptControl',
    method: 'POST',
    pattern: `${base}/acceptControl`,
    scopes: ANY,
    handler: accept,
  },
  {
    operation: 'ReleaseControl',
    method: 'POST',
    pattern: `${base}/releaseControl`,
    scopes: ANY,
    handler: release,
  },
];

interface Action {
  conversation: ConversationRecord;
  switchboard: SwitchboardRecord;
  metadata: Wire | undefined;
  target?: string;
  active?: SwitchboardIntegrationWire;
  pending?: SwitchboardIntegrationWire;
  /** The caller's switchboard integration, when it calls with an integration key. */
  caller?: SwitchboardIntegrationWire;
}

function pass(ctx: Context) {
  const action = read(ctx, true);
  const { switchboard, conversation, active, caller } = action;
  // Idempotency (switchboard guide): a `next` from an integration that is no longer active is a duplicate.
  if (action.target === 'next' && caller && caller !== active) return { body: {} };
  const target = resolveTarget(switchboard, action.target!, active);
  if (!target)
    return failure(ctx, action, 'switchboard:passControl:failure', 'The active integration has no next');
  if (target === active && !action.pending) return { body: {} };
  supersede(ctx, action, target);
  conversation.wire.activeSwitchboardIntegration = webhookShape(target);
  conversation.wire.pendingSwitchboardIntegration = null;
  return fire(ctx, action, 'switchboard:passControl');
}

function offer(ctx: Context) {
  const action = read(ctx, true);
  const target = resolveTarget(action.switchboard, action.target!, action.active);
  if (!target)
    return failure(ctx, action, 'switchboard:offerControl:failure', 'The active integration has no next');
  if (target === action.active)
    throw invalidTarget('Control cannot be offered to the active switchboard integration');
  supersede(ctx, action, target);
  action.conversation.wire.pendingSwitchboardIntegration = webhookShape(target);
  return fire(ctx, action, 'switchboard:offerControl');
}

function accept(ctx: Context) {
  const action = read(ctx, false);
  const { pending, caller, conversation } = action;
  if (!pending)
    return failure(ctx, action, 'switchboard:acceptControl:failure', 'No switchboard integration is pending');
  if (ctx.principal.scope === 'integration' && caller !== pending) {
    throw forbidden('Only the pending switchboard integration may accept control');
  }
  conversation.wire.activeSwitchboardIntegration = webhookShape(pending);
  conversation.wire.pendingSwitchboardIntegration = null;
  return fire(ctx, action, 'switchboard:acceptControl');
}

function release(ctx: Context) {
  const action = read(ctx, false);
  if (ctx.principal.scope === 'integration' && action.caller !== action.active) {
    throw forbidden('Only the active switchboard integration may release control');
  }
  action.conversation.wire.activeSwitchboardIntegration = null;
  action.conversation.wire.pendingSwitchboardIntegration = null;
  return fire(ctx, action, 'switchboard:releaseControl');
}

/** Parses the body and gathers the conversation's switchboard state (the default becomes active first). */
function read(ctx: Context, targeted: boolean): Action {
  const conversation = conversationOf(ctx);
  const body = ctx.body === undefined && !targeted ? {} : bodyObject(ctx.body);
  onlyFields(body, targeted ? ['switchboardIntegration', 'metadata'] : ['metadata']);
  const target = targeted ? text(body, 'switchboardIntegration', { required: true })! : undefined;
  const metadata = controlMetadata(body.metadata);
  const switchboard = enabledSwitchboard(ctx.app);
  if (!switchboard) {
    throw new SandboxHttpError(400, 'switchboard_invalid_action', 'The app has no enabled switchboard');
  }
  ensureActive(ctx.app, conversation);
  const integrationId = ctx.principal.key.integrationId;
  const caller = [...switchboard.integrations.values()].find((wire) => wire.integrationId === integrationId);
  return {
    conversation,
    switchboard,
    metadata,
    target,
    caller: integrationId ? caller : undefined,
    active: stateOf(switchboard, conversation, 'activeSwitchboardIntegration'),
    pending: stateOf(switchboard, conversation, 'pendingSwitchboardIntegration'),
  };
}

/** An offer other than to `target` is invalidated: its integration hears `switchboard:offerControl:failure`. */
function supersede(ctx: Context, action: Action, target: SwitchboardIntegrationWire): void {
  if (!action.pending || action.pending === target) return;
  const error = { code: 'offer_invalidated', title: `Control went to ${target.name} instead` };
  ctx.emit('switchboard:offerControl:failure', { ...payload(action), error });
}

function fire(ctx: Context, action: Action, type: string) {
  ctx.emit(type, payload(action));
  return { body: {} };
}

function failure(ctx: Context, action: Action, type: string, title: string) {
  ctx.emit(type, { ...payload(action), error: { code: 'switchboard_invalid_action', title } });
  return { body: {} };
}

function payload(action: Action): Wire {
  const conversation = conversationTruncated(action.conversation);
  return action.metadata === undefined ? { conversation } : { conversation, metadata: action.metadata };
}
