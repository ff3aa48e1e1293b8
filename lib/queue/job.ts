/** What a queued webhook job is: its id (the event's) and its data. */

/** What a job holds: the whole delivery body (verified) and which of its events the job is. */
export interface WebhookJobData {
  body: string;
  eventId: string;
}

/**
 * The BullMQ job id of an event: the event id itself, so a redelivery of an event already queued (or done
 * within the retention) is not queued twice. BullMQ refuses ids that are integers or hold a `:`; those (and
 * ids starting with `~`, so the mapping stays one-to-one) are percent-encoded behind a `~`.
 * @example jobIdOf('5f9c2a...') // '5f9c2a...'; jobIdOf('123') // '~123'
 */
export function jobIdOf(eventId: string): string {
  const refused = /^\d+$/.test(eventId) || eventId.includes(':') || eventId.startsWith('~');
  return refused ? `~${encodeURIComponent(eventId)}` : eventId;
}
