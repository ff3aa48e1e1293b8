/**
 * `smooch-record/queue`: queue mode for slow webhook handlers, on BullMQ. Needs the optional peer dependencies
 * `bullmq` and `ioredis` (`npm install bullmq ioredis`); the main entry never loads them.
 * @example
 * import { WebhookQueue } from 'smooch-record/queue';
 * const queue = new WebhookQueue({ redis: process.env.REDIS_URL! });
 * app.post('/hooks', Notification.handler({ secret, queue }));
 * queue.work({ on: { 'conversation:message': (event) => event.conversation.reply('Got it') } });
 */
export { WebhookQueue, QueueError } from './webhook-queue.js';
export type { WebhookQueueOptions } from './webhook-queue.js';
export type { WebhookJobData } from './job.js';
export type { ConnectionFor, WebhookWorker, WorkOptions } from './worker.js';
export { jobIdOf } from './job.js';
