// Which file names hold credentials: the files credentials.read-secret-file asks about, as a predicate for walks.

/** Dotenv files (`.env`, `.env.local`, `.env-prod`, `.envrc`); the templates below are not secret. */
const DOTENV = /^\.env(?:rc|[._-].*)?$/i;
/** Committed templates of secret files: `.env.example`, `x.sample`, `a.template.json`, SSH public keys. */
const TEMPLATE = /\.(?:example|sample|template|dist|pub)(?:\.[^.]*)?$/i;
/** Key and certificate containers, Terraform state (which holds every secret it manages). */
const EXTENSION = /\.(?:pem|key|p12|pfx|tfstate|tfstate\.backup)$/i;
/** SSH private keys by their usual names. */
const SSH_KEY = /^id_[a-z0-9_]+$|_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$|^ssh_host_.*_key$/i;
/** Credential files of tools and clouds, by name alone. */
const NAMED = new Set([".netrc", ".npmrc", ".pypirc", ".pgpass", ".my.cnf", ".git-credentials", "credentials", "credentials.json", "credentials.toml",
  "credentials.tfrc.json", "application_default_credentials.json", "access-token", "auth.json", "hosts.yml"]);
/**
 * Files that hold credentials only inside a tool's directory (`.docker/config.json`, `.kube/config`, `.aws/config`),
 * and a repository's `.git/config`, whose remote URLs may carry a token.
 */
const IN_DIR = /(?:^|\/)(?:proc\/[^/]+\/environ|\.git\/config|\.docker\/config\.json|\.kube\/config|\.aws\/config|\.aws\/sso\/cache\/[^/]+|\.aws\/cli\/cache\/[^/]+|\.config\/gcloud\/.+|\.azure\/.+|\.railway\/config[^/]*\.json|\.fly\/config\.yml|\.config\/planetscale\/.+|\.config\/doctl\/config\.yaml|netlify\/config\.json|\.wrangler\/config\/default\.toml|\.render\/cli\.yaml|\.config\/neonctl\/credentials\.json)$/;

/**
 * Whether a path (relative or absolute, `/`-separated) names a file that holds credentials. Errs toward yes:
 * a walk that meets such a name treats the search as one that may print a secret.
 */
export function isSecretFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (TEMPLATE.test(name)) return false;
  return DOTENV.test(name) || EXTENSION.test(name) || SSH_KEY.test(name) || NAMED.has(name.toLowerCase()) || IN_DIR.test(path);
}
