/**
 * Bodies of the switchboard actions and the two channel-specific conversation operations, checked before any
 * request. Pure functions: `Conversation` sends them.
 */
import type { InstanceCallOptions } from '../model.js';

/** Flat metadata passed to the switchboard webhooks (strings, numbers, booleans; 4 KB at most). */
export type ControlMetadata = Record<string, string | number | boolean>;

/** Options of passControl / offerControl / acceptControl / releaseControl. */
export interface ControlOptions {
  metadata?: ControlMetadata;
}

/** Options of the switchboard actions as `Conversation` takes them: the metadata, and the call options. */
export type ControlCallOptions = ControlOptions & InstanceCallOptions;

/** A switchboard integration named by id, name or integration type, or the keyword `next`. */
export type SwitchboardTarget = string;

/** The body of passControl / offerControl. */
export function targetBody(
  action: string,
  target: SwitchboardTarget,
  options: ControlOptions,
): Record<string, unknown> {
  if (typeof target !== 'string' || target === '') {
    throw new TypeError(
      `${action}() needs the switchboard integration: its id, name, integrationType, or 'next'`,
    );
  }
  return { switchboardIntegration: target, ...metadataBody(options) };
}

/** The body of acceptControl / releaseControl (metadata only). */
export function metadataBody(options: ControlOptions = {}): Record<string, unknown> {
  return options.metadata !== undefined ? { metadata: options.metadata } : {};
}

/** Apple's interactive data reference, as found in a `passthrough:messaging` webhook. */
export interface InteractiveDataRef {
  url: string;
  bid: string;
  key: string;
  signature: string;
  owner: string;
}

/** The body of DownloadMessageRef. */
export function downloadBody(userId: string, ref: InteractiveDataRef): Record<string, unknown> {
  if (typeof userId !== 'string' || userId === '') throw new TypeError('downloadMessageRef() needs a userId');
  for (const field of ['url', 'bid', 'key', 'signature', 'owner'] as const) {
    if (typeof ref?.[field] !== 'string')
      throw new TypeError(`downloadMessageRef() needs interactiveDataRef.${field}`);
  }
  return { userId, apple: { interactiveDataRef: ref } };
}

/** The Meta channels that take conversion events. */
export type ConversionChannel = 'messenger' | 'instagram' | 'whatsapp';

/** The body of PostConversionEvents: events for exactly one Meta channel. */
export function conversionBody(
  channel: ConversionChannel,
  payload: Record<string, unknown>,
): Record<string, unknown> {
  if (!['messenger', 'instagram', 'whatsapp'].includes(channel)) {
    throw new TypeError(
      `postConversionEvents() takes 'messenger', 'instagram' or 'whatsapp', got ${JSON.stringify(channel)}`,
    );
  }
  return { [channel]: { payload } };
}
