/**
 * Every route of the sandbox, one family per file.
 */
import { activityRoutes } from './activities.js';
import { appRoutes } from './apps.js';
import { attachmentRoutes } from './attachments.js';
import { channelActionRoutes } from './channel-actions.js';
import { clientRoutes } from './clients.js';
import type { Route } from './context.js';
import { controlRoutes } from './control.js';
import { conversationRoutes } from './conversations.js';
import { integrationKeyRoutes } from './integration-keys.js';
import { integrationRoutes } from './integrations.js';
import { keyRoutes } from './keys.js';
import { messageRoutes } from './messages.js';
import { oauthRoutes } from './oauth.js';
import { participantRoutes } from './participants.js';
import { switchboardIntegrationRoutes } from './switchboard-integrations.js';
import { switchboardRoutes } from './switchboards.js';
import { userRoutes } from './users.js';
import { webhookRoutes } from './webhooks.js';

/** The operations the sandbox serves. */
export const routes: Route[] = [
  ...appRoutes,
  ...keyRoutes,
  ...integrationRoutes,
  ...integrationKeyRoutes,
  ...webhookRoutes,
  ...userRoutes,
  ...clientRoutes,
  ...conversationRoutes,
  ...participantRoutes,
  ...messageRoutes,
  ...activityRoutes,
  ...attachmentRoutes,
  ...switchboardRoutes,
  ...switchboardIntegrationRoutes,
  ...controlRoutes,
  ...channelActionRoutes,
  ...oauthRoutes,
];
