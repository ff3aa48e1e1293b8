/**
 * Each conversation's switchboard state, as the switchboard guide describes it: one active switchboard
 * integration (the default one from the conversation's first activity on), at most one pending (offered
 * control), every other one on standby. Standby integrations receive conversation events only when they
 * asked for them (`deliverStandbyEvents`); integrations outside the switchboard receive everything.
 */
import type { QueuedEvent } from './context.js';
import { badRequest, SandboxHttpError } from './errors.js';
import type {
  AppState,
  ConversationRecord,
  SwitchboardIntegrationWire,
  SwitchboardRecord,
  Wire,
} from './store.js';

/** The app's switchboard when it is enabled. @example const switchboard = enabledSwitchboard(app); */
export function enabledSwitchboard(app: AppState): SwitchboardRecord | undefined {
  for (const switchboard of app.switchboards.values()) if (switchboard.wire.enabled) return switchboard;
  return undefined;
}

/** How a conversation names a switchboard integration (`switchboardIntegrationWebhook`). */
export function webhookShape(wire: SwitchboardIntegrationWire): Wire {
  const { id, name, integrationId, integrationType } = wire;
  return { id, name, integrationId, integrationType };
}

/** Gives a conversation without an active switchboard integration the default one (its first activity). */
export function ensureActive(app: AppState, conversation: ConversationRecord): void {
  const switchboard = enabledSwitchboard(app);
  if (!switchboard || conversation.wire.activeSwitchboardIntegration) return;
  const fallback = switchboard.integrations.get(switchboard.wire.defaultSwitchboardIntegrationId ?? '');
  if (fallback) conversation.wire.activeSwitchboardIntegration = webhookShape(fallback);
}

/** The switchboard integration of a conversation state field, or undefined. */
export function stateOf(
  switchboard: SwitchboardRecord,
  conversation: ConversationRecord,
  field: 'activeSwitchboardIntegration' | 'pendingSwitchboardIntegration',
): SwitchboardIntegrationWire | undefined {
  const id = (conversation.wire[field] as Wire | null | undefined)?.id;
  return typeof id === 'string' ? switchboard.integrations.get(id) : undefined;
}

/**
 * The switchboard integration `target` names: by id, then name, then integrationType (an ambiguous type is a
 * 400); `next` is the active one's next (undefined when it has none). Unknown targets are a 400.
 * @example resolveTarget(switchboard, 'agents', active)
 */
export function resolveTarget(
  switchboard: SwitchboardRecord,
  target: string,
  active: SwitchboardIntegrationWire | undefined,
): SwitchboardIntegrationWire | undefined {
  const all = [...switchboard.integrations.values()];
  if (target === 'next') return switchboard.integrations.get(active?.nextSwitchboardIntegrationId ?? '');
  const found = all.find((wire) => wire.id === target) ?? all.find((wire) => wire.name === target);
  if (found) return found;
  const byType = all.filter((wire) => wire.integrationType === target);
  if (byType.length > 1) throw invalidTarget(`${target} names ${byType.length} switchboard integrations`);
  if (byType.length === 0) throw invalidTarget(`No switchboard integration is named ${target}`);
  return byType[0];
}

/** 400 `switchboard_invalid_target`. */
export function invalidTarget(title: string): SandboxHttpError {
  return new SandboxHttpError(400, 'switchboard_invalid_target', title);
}

/** Checks control metadata: flat (strings, numbers, booleans), at most 4 KB. */
export function controlMetadata(value: unknown): Wire | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('metadata must be an object');
  }
  for (const [key, item] of Object.entries(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof item)) {
      throw badRequest(`metadata.${key} must be a string, a number or a boolean`);
    }
  }
  if (Buffer.byteLength(JSON.stringify(value)) > 4096)
    throw badRequest('metadata is limited to 4096 bytes in size.');
  return value as Wire;
}

/**
 * Whether the webhooks of `integrationId` receive `event`: switchboard events always; conversation events
 * when the integration is outside the enabled switchboard, active in the conversation, or on standby with
 * `deliverStandbyEvents`.
 * @example if (receives(app, integrationId, event)) deliver();
 */
export function receives(app: AppState, integrationId: string, event: QueuedEvent): boolean {
  if (event.type.startsWith('switchboard:')) return true;
  const switchboard = enabledSwitchboard(app);
  const conversationId = (event.payload.conversation as Wire | null | undefined)?.id;
  if (!switchboard || typeof conversationId !== 'string') return true;
  const linked = [...switchboard.integrations.values()].find((wire) => wire.integrationId === integrationId);
  const conversation = app.conversations.get(conversationId);
  if (!linked || !conversation) return true;
  return (
    stateOf(switchboard, conversation, 'activeSwitchboardIntegration') === linked ||
    linked.deliverStandbyEvents
  );
}
