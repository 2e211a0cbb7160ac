// guard's version, fixed at build time from package.json: shown by --version, doctor and the audit records.
declare const __GUARD_VERSION__: string | undefined;

/** "dev" when running from sources (tests, scripts) rather than the built bundle. */
export const GUARD_VERSION: string = typeof __GUARD_VERSION__ !== "undefined" ? __GUARD_VERSION__ : "dev";
