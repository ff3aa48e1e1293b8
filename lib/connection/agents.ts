/**
 * The socket pools of a connection.
 *
 * Why each Connection owns its own keep-alive pair instead of got's default (Node's `http.globalAgent` /
 * `https.globalAgent`, which Node 20 already makes keep-alive): the global agents are shared by the whole
 * process and have no socket limit, so a burst of 256 concurrent calls would open 256 sockets to the API and
 * one tenant's traffic would share a pool with every other library. A bounded pool per Connection keeps the
 * socket count predictable (the API rate-limits per app anyway), isolates tenants, and can be released with
 * `connection.close()`. Settings mirror Node 20's global agent (LIFO, 5 s idle timeout) so idle sockets close
 * before a typical server's keep-alive timeout and are not reused half-closed.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ConfigurationError } from '../errors.js';

/** Agents as got takes them. */
export interface AgentPair {
  http?: HttpAgent;
  https?: HttpsAgent;
}

/** What `ConnectionOptions.agent` accepts: one agent (used for its own protocol) or a pair. */
export type AgentOption = HttpAgent | HttpsAgent | AgentPair;

/**
 * Default socket pool size per Connection and protocol.
 * @example new Connection({ keyId, secret, maxSockets: 2 * DEFAULT_MAX_SOCKETS })
 */
export const DEFAULT_MAX_SOCKETS = 50;

/**
 * The agents of a connection: the caller's, completed with our own keep-alive agents for any protocol left
 * out; `owned` lists the ones we made (and may destroy on close). A single agent serves the protocol of the
 * connection's base URL (a proxy agent often extends http.Agent even when it tunnels https).
 * @example const { agents, owned } = agentsFor(undefined, 50, 'https:');
 */
export function agentsFor(
  agent: AgentOption | undefined,
  maxSockets = DEFAULT_MAX_SOCKETS,
  protocol: 'http:' | 'https:' = 'https:',
): { agents: AgentPair; owned: HttpAgent[] } {
  if (!(Number.isInteger(maxSockets) && maxSockets > 0)) {
    throw new ConfigurationError(`maxSockets must be a positive integer, got ${maxSockets}`);
  }
  const given = pairOf(agent, protocol);
  const owned: HttpAgent[] = [];
  const settings = { keepAlive: true, scheduling: 'lifo', timeout: 5_000, maxSockets } as const;
  const http = given.http ?? new HttpAgent(settings);
  const https = given.https ?? new HttpsAgent(settings);
  if (!given.http) owned.push(http);
  if (!given.https) owned.push(https);
  return { agents: { http, https }, owned };
}

function pairOf(agent: AgentOption | undefined, protocol: 'http:' | 'https:'): AgentPair {
  if (agent === undefined) return {};
  if (agent instanceof HttpAgent) {
    return protocol === 'https:' ? { https: agent as HttpsAgent } : { http: agent };
  }
  if (agent && typeof agent === 'object' && ('http' in agent || 'https' in agent)) {
    const pair = agent as AgentPair;
    for (const value of [pair.http, pair.https]) {
      if (value !== undefined && !(value instanceof HttpAgent)) throw notAnAgent();
    }
    return pair;
  }
  throw notAnAgent();
}

function notAnAgent(): ConfigurationError {
  return new ConfigurationError('agent must be an http.Agent, an https.Agent or { http, https }');
}
