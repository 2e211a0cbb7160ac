// The error install and uninstall report to the user as is (exit 1): a file guard will not touch, an unsupported scope.

export class InstallError extends Error {}
