/**
 * Typed fields of each integration type on create, from the OpenAPI document's `integration` discriminator,
 * and which fields each type accepts on update (its `<type>Update` schema).
 */

/** Fields every integration type accepts. */
export interface IntegrationBase {
  displayName?: string | null;
  defaultResponderId?: string | null;
  showAIDisclaimer?: boolean;
}

/** A webhook as given inside a new `custom` integration. */
export interface WebhookFields {
  target: string;
  triggers: string[];
  includeFullUser?: boolean;
  includeFullSource?: boolean;
}

/** Facebook Messenger. */
export interface MessengerFields extends IntegrationBase {
  type: 'messenger';
  pageAccessToken: string;
  appId: string;
  appSecret: string;
}
/** Twilio SMS. */
export interface TwilioFields extends IntegrationBase {
  type: 'twilio';
  accountSid: string;
  authToken: string;
  phoneNumberSid?: string;
  messagingServiceSid?: string;
}
/** Telegram bot. */
export interface TelegramFields extends IntegrationBase {
  type: 'telegram';
  token: string;
}
/** LINE. */
export interface LineFields extends IntegrationBase {
  type: 'line';
  channelId?: string;
  channelSecret?: string;
  channelAccessToken?: string;
  serviceCode?: string;
  switcherSecret?: string;
}
/** A custom integration: your own service, receiving events through exactly one webhook. */
export interface CustomFields extends IntegrationBase {
  type: 'custom';
  webhooks: [WebhookFields];
}
/** The Web Messenger. */
export interface WebFields extends IntegrationBase {
  type: 'web';
  brandColor?: string;
  fixedIntroPane?: boolean;
  conversationColor?: string;
  actionColor?: string;
  displayStyle?: 'button' | 'tab';
  buttonIconUrl?: string;
  buttonWidth?: string;
  buttonHeight?: string;
  integrationOrder?: string[];
  businessName?: string;
  businessIconUrl?: string;
  backgroundImageUrl?: string;
  originWhitelist?: string[];
  prechatCapture?: { enabled?: boolean; enableEmailLinking?: boolean; fields?: unknown[] };
  canUserSeeConversationList?: boolean;
  canUserCreateMoreConversations?: boolean;
  attachmentsEnabled?: boolean;
}

/** The other types of the document, with their fields as the API documents them. */
export type OtherIntegrationType =
  | 'android'
  | 'apple'
  | 'instagram'
  | 'ios'
  | 'mailgun'
  | 'messagebird'
  | 'twitter'
  | 'unity'
  | 'viber'
  | 'whatsapp';
/** Fields of a type without a dedicated interface here. */
export interface OtherIntegrationFields extends IntegrationBase {
  type: OtherIntegrationType;
  [field: string]: unknown;
}

/** Fields of a new integration, discriminated on `type`. */
export type IntegrationCreate =
  | MessengerFields
  | TwilioFields
  | TelegramFields
  | LineFields
  | CustomFields
  | WebFields
  | OtherIntegrationFields;

/** Every integration type the API knows. */
export type IntegrationType = IntegrationCreate['type'];

/** Every integration type, for checks before a request. @example INTEGRATION_TYPES.includes('telegram') // true */
export const INTEGRATION_TYPES: readonly IntegrationType[] = [
  'android',
  'apple',
  'custom',
  'instagram',
  'ios',
  'line',
  'mailgun',
  'messagebird',
  'messenger',
  'telegram',
  'twilio',
  'twitter',
  'unity',
  'viber',
  'web',
  'whatsapp',
];

const base = ['displayName', 'defaultResponderId', 'showAIDisclaimer'];
const sdk = ['canUserSeeConversationList', 'canUserCreateMoreConversations'];

/**
 * Fields each type accepts on update (`<type>Update` schemas); `save()` sends changes of these only.
 * @example UPDATABLE.telegram // ['displayName', 'defaultResponderId', 'showAIDisclaimer']
 */
export const UPDATABLE: Record<IntegrationType, readonly string[]> = {
  android: [...base, 'projectId', 'clientEmail', 'privateKey', 'serverKey', 'senderId', ...sdk],
  apple: [...base, 'authenticationMessageSecret'],
  custom: ['displayName'],
  instagram: [...base, 'pageAccessToken', 'storyRepliesEnabled', 'storyMentionsEnabled'],
  ios: [...base, 'certificate', 'password', 'production', 'autoUpdateBadge', ...sdk],
  line: base,
  mailgun: [...base, 'hideUnsubscribeLink', 'fromAddress'],
  messagebird: base,
  messenger: [...base, 'pageAccessToken'],
  telegram: base,
  twilio: base,
  twitter: base,
  unity: [...base, ...sdk],
  viber: base,
  web: [
    ...base,
    'brandColor',
    'fixedIntroPane',
    'conversationColor',
    'actionColor',
    'displayStyle',
    'buttonIconUrl',
    'buttonWidth',
    'buttonHeight',
    'integrationOrder',
    'businessName',
    'businessIconUrl',
    'backgroundImageUrl',
    'originWhitelist',
    'prechatCapture',
    ...sdk,
  ],
  whatsapp: [...base, 'hsmFallbackLanguage', 'accountId', 'accountManagementAccessToken'],
};
