/**
 * The version of this package, sent in the User-Agent. Kept in step with package.json by a spec.
 * @example console.log(`smooch-record ${VERSION}`);
 */
export const VERSION = '0.1.0';
