/** The version of this package, sent in the User-Agent. Kept in step with package.json by a spec. */
export const VERSION = '0.1.0';
