// Where guard keeps per-user files (see core/user-dirs.ts); kept here for the act/ modules that import it.
export { cacheDir, configDir, ensurePrivateDir, homeDir, PathsError, stateDir, xdgDir } from "../core/user-dirs";
