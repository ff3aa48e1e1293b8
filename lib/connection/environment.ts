/**
 * Connection options from environment variables, as openai-node reads `OPENAI_API_KEY`: one rule for the
 * default connection, the example and the CLI. Why strict: a half-configured process (a key id without its
 * secret) must fail here, naming the variable, instead of sending requests with half the credentials.
 */
import { inferScope } from '../auth.js';
import { ConfigurationError } from '../errors.js';
import type { ConnectionOptions, Region } from './options.js';

/** The variables read, in the order they are checked. */
export const ENVIRONMENT_VARIABLES = [
  'SMOOCH_KEY_ID',
  'SMOOCH_SECRET',
  'SMOOCH_APP_ID',
  'SMOOCH_REGION',
  'SMOOCH_BASE_URL',
] as const;

/** The variable `Notification.handler` reads its secret from when given none (the same rule: empty is unset). */
export const WEBHOOK_SECRET_VARIABLE = 'SMOOCH_WEBHOOK_SECRET';

type Environment = Record<string, string | undefined>;

/**
 * The options the environment describes, or undefined when it sets no credential. `SMOOCH_KEY_ID` and
 * `SMOOCH_SECRET` come together; an app key (`app_...`) also needs `SMOOCH_APP_ID`; `SMOOCH_REGION` is `us`,
 * `eu` or a Zendesk subdomain; `SMOOCH_BASE_URL` wins over it. Empty values count as unset.
 * @example optionsFromEnvironment({ SMOOCH_KEY_ID: 'app_1', SMOOCH_SECRET: 's', SMOOCH_APP_ID: 'a' })
 */
export function optionsFromEnvironment(env: Environment = process.env): ConnectionOptions | undefined {
  const value = (name: (typeof ENVIRONMENT_VARIABLES)[number]): string | undefined => env[name] || undefined;
  const keyId = value('SMOOCH_KEY_ID');
  const secret = value('SMOOCH_SECRET');
  const appId = value('SMOOCH_APP_ID');
  if (keyId === undefined && secret === undefined) {
    if (appId !== undefined) throw missing('SMOOCH_KEY_ID and SMOOCH_SECRET', 'SMOOCH_APP_ID');
    return undefined;
  }
  if (keyId === undefined) throw missing('SMOOCH_KEY_ID', 'SMOOCH_SECRET');
  if (secret === undefined) throw missing('SMOOCH_SECRET', 'SMOOCH_KEY_ID');
  if (appId === undefined && inferScope(keyId) === 'app')
    throw missing('SMOOCH_APP_ID', 'an app key in SMOOCH_KEY_ID');
  const options: ConnectionOptions = { keyId, secret };
  if (appId !== undefined) options.appId = appId;
  const region = value('SMOOCH_REGION');
  if (region !== undefined) options.region = regionOf(region);
  const baseUrl = value('SMOOCH_BASE_URL');
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  return options;
}

/**
 * The webhook secret `SMOOCH_WEBHOOK_SECRET` sets, or undefined when it is unset or empty.
 * @example const secret = webhookSecretFromEnvironment({ SMOOCH_WEBHOOK_SECRET: 'whsec' }); // 'whsec'
 */
export function webhookSecretFromEnvironment(env: Environment = process.env): string | undefined {
  return env[WEBHOOK_SECRET_VARIABLE] || undefined;
}

function regionOf(region: string): Region {
  return region === 'us' || region === 'eu' ? region : { subdomain: region };
}

function missing(name: string, given: string): ConfigurationError {
  return new ConfigurationError(
    `${name} ${name.includes(' and ') ? 'are' : 'is'} not set although ${given} is: set it, or call configure({ keyId, secret, appId })`,
  );
}
