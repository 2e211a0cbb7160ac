// Which file names hold credentials: the files credentials.read-secret-file asks about, as a predicate for walks.

/** Dotenv files (`.env`, `.env.local`, `.env-prod`, `.envrc`); the templates below are not secret. */
const DOTENV = /^\.env(?:rc|[._-].*)?$/i;
/** Committed templates of secret files: `.env.example`, `x.sample`, `a.template.json`, SSH public keys. */
const TEMPLATE = /\.(?:example|sample|template|dist|pub)(?:\.[^.]*)?$/i;
/** Certificates by their usual names (`cert.pem`, `fullchain.pem`, `ca-bundle.pem`): public halves, not keys. */
const CERTIFICATE = /^(?:.*[-_.])?(?:cert|certificate|fullchain|chain|ca|cacert|ca-bundle|ca-certificates|bundle|root-ca|public)\.pem$/i;
/** Key and certificate containers, Terraform state (which holds every secret it manages). */
const EXTENSION = /\.(?:pem|key|p12|pfx|tfstate|tfstate\.backup)$/i;
/** SSH private keys by their usual names. */
const SSH_KEY = /^id_[a-z0-9_]+$|_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$|^ssh_host_.*_key$/i;
/** Credential files of tools and clouds, by name alone. */
const NAMED = new Set([".netrc", ".npmrc", ".pypirc", ".pgpass", ".my.cnf", ".git-credentials", "credentials", "credentials.json", "credentials.toml",
  "credentials.tfrc.json", "application_default_credentials.json", "access-token", "auth.json", "hosts.yml", ".credentials.json", ".vault-token", ".s3cfg",
  ".dev.vars", ".terraformrc", ".boto", ".databrickscfg", "oauth_creds.json"]);
/** Service-account keys and credential exports by their usual names: `service-account.json`, `prod-credentials.json`, `sa_key.json`. */
const KEY_JSON = /^(?:.*[-_.])?(?:service[-_]?account(?:[-_.].*)?|credentials?|sa[-_]key|client[-_]secret(?:[-_.].*)?)\.json$/i;
/**
 * Files that hold credentials only inside a tool's directory (`.docker/config.json`, `.kube/config`, the CLI logins of
 * PaaS and cloud tools), and a repository's `.git/config`, whose remote URLs may carry a token. `~/.aws/config` holds
 * regions and profiles, not keys (those are in `~/.aws/credentials`): reading it is everyday.
 */
const IN_DIR = new RegExp(`(?:^|/)(?:${[
  String.raw`proc/[^/]+/environ`, String.raw`\.git/config`, String.raw`\.docker/config\.json`, String.raw`\.kube/config`, String.raw`\.aws/sso/cache/[^/]+`,
  String.raw`\.aws/cli/cache/[^/]+`, String.raw`\.config/gcloud/.+`, String.raw`\.azure/.+`, String.raw`\.railway/config[^/]*\.json`,
  String.raw`\.config/railway/config\.json`, String.raw`\.fly/config\.yml`, String.raw`\.config/flyctl/config\.yml`, String.raw`\.config/planetscale/.+`,
  String.raw`\.config/doctl/config\.yaml`, String.raw`netlify/config\.json`, String.raw`\.wrangler/config/default\.toml`, String.raw`\.render/cli\.yaml`,
  String.raw`\.config/neonctl/credentials\.json`, String.raw`(?:\.config/)?\.?turso/settings\.json`, String.raw`\.config/hcloud/cli\.toml`, String.raw`\.oci/config`,
  String.raw`\.mongodb/atlascli/config\.toml`, String.raw`\.config/atlascli/config\.toml`, String.raw`\.config/scw/config\.yaml`,
  String.raw`\.bluemix/(?:\.cf/)?config\.json`, String.raw`\.config/rclone/rclone\.conf`, String.raw`\.mc(?:li)?/config\.json`,
  String.raw`\.config/github-copilot/(?:hosts|apps)\.json`, String.raw`\.config/configstore/firebase-tools\.json`, String.raw`\.config/glab-cli/config\.yml`,
  String.raw`\.config/stripe/config\.toml`, String.raw`\.config/ngrok/ngrok\.yml`, String.raw`(?:\.cache/)?\.?huggingface/token`,
].join("|")})$`);

/**
 * Whether a path (relative or absolute, `/`-separated) names a file that holds credentials. Errs toward yes:
 * a walk that meets such a name treats the search as one that may print a secret.
 */
export function isSecretFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (TEMPLATE.test(name) || CERTIFICATE.test(name)) return false;
  return DOTENV.test(name) || EXTENSION.test(name) || SSH_KEY.test(name) || NAMED.has(name.toLowerCase()) || KEY_JSON.test(name) || IN_DIR.test(path);
}
