// Redaction of secrets in commands before they reach the audit log: every pattern, and nothing else touched.
import { describe, expect, it } from "vitest";
import { redact } from "../../src/core/redact";

const R = "[REDACTED]";
const GHP = `ghp_${"a1B2".repeat(9)}`;
const GHO = `gho_${"Z9y8".repeat(9)}`;
const GITHUB_PAT = `github_pat_11ABCDEFG0_${"x".repeat(40)}`;
const SK = `sk-proj-${"Ab3".repeat(10)}`;

describe("redact", () => {
  const cases: [name: string, input: string, expected: string][] = [
    // HTTP credentials
    ["bearer header", `curl -H 'Authorization: Bearer abc.def-123' https://api`, `curl -H 'Authorization: Bearer ${R}' https://api`],
    ["bearer in double quotes", `curl -H "Authorization: Bearer eyJ0eXAi.eyJzdWIi.sig==" x`, `curl -H "Authorization: Bearer ${R}" x`],
    ["bare bearer", `http GET api Bearer tok123`, `http GET api Bearer ${R}`],
    ["lowercase scheme after authorization", `curl -H 'authorization: bearer tok123'`, `curl -H 'authorization: bearer ${R}'`],
    ["basic auth header", `curl -H 'Authorization: Basic dXNlcjpwYXNz' x`, `curl -H 'Authorization: Basic ${R}' x`],
    ["bearer of a variable is kept", `curl -H "Authorization: Bearer $TOKEN" x`, `curl -H "Authorization: Bearer $TOKEN" x`],
    // env-style assignments
    ["curl -u user:password", "curl -u admin:hunter2 https://x", `curl -u admin:${R} https://x`],
    ["curl --user in quotes", "curl --user 'admin:hunter 2' https://x", `curl --user 'admin:${R}' https://x`],
    ["curl --user=", "curl --user=admin:pw https://x", `curl --user=admin:${R} https://x`],
    ["curl -u glued", "curl -uadmin:pw https://x", `curl -uadmin:${R} https://x`],
    ["httpie -a", "http -a bob:s3cret x.io", `http -a bob:${R} x.io`],
    ["curl -u without a password is kept (curl prompts)", "curl -u admin https://x", "curl -u admin https://x"],
    ["-u of another program is not a credential", "sort -u file:1 && curl -s x", "sort -u file:1 && curl -s x"],
    ["API-key header", "curl -H 'X-Api-Key: abcdef123456' https://x", `curl -H 'X-Api-Key: ${R}' https://x`],
    ["GitLab private token header", "curl --header 'PRIVATE-TOKEN: glpat-abcdef123' https://gitlab", `curl --header 'PRIVATE-TOKEN: ${R}' https://gitlab`],
    ["_TOKEN assignment", "RAILWAY_TOKEN=abc railway up", `RAILWAY_TOKEN=${R} railway up`],
    ["_KEY assignment", "export OPENAI_API_KEY=k-123", `export OPENAI_API_KEY=${R}`],
    ["_SECRET assignment", "JWT_SECRET=s3cr3t node app.js", `JWT_SECRET=${R} node app.js`],
    ["_PASSWORD assignment", "DB_PASSWORD=hunter2 npm start", `DB_PASSWORD=${R} npm start`],
    ["_PASS and _PWD assignments", "SMTP_PASS=x1 ROOT_PWD=x2 ./run", `SMTP_PASS=${R} ROOT_PWD=${R} ./run`],
    ["bare PASSWORD/TOKEN/SECRET", "PASSWORD=a TOKEN=b SECRET=c cmd", `PASSWORD=${R} TOKEN=${R} SECRET=${R} cmd`],
    ["single-quoted value", "X_TOKEN='a b' cmd", `X_TOKEN=${R} cmd`],
    ["double-quoted value with escapes", `X_TOKEN="a \\" b" cmd`, `X_TOKEN=${R} cmd`],
    ["value glued from quoted parts", `X_TOKEN=ab'c d'"e" cmd`, `X_TOKEN=${R} cmd`],
    ["escaped space in value", "X_TOKEN=a\\ b cmd", `X_TOKEN=${R} cmd`],
    ["assignment inside bash -c", `bash -c "DEPLOY_TOKEN=abc deploy" && ls`, `bash -c "DEPLOY_TOKEN=${R} deploy" && ls`],
    ["assignment at the end of a quoted string", `sh -c 'API_KEY=xyz'; echo done`, `sh -c 'API_KEY=${R}'; echo done`],
    ["docker -e", "docker run -e STRIPE_SECRET=sk_live_1 img", `docker run -e STRIPE_SECRET=${R} img`],
    ["value ends at a metacharacter", "GH_TOKEN=abc;gh pr list", `GH_TOKEN=${R};gh pr list`],
    ["variable reference is kept", `GH_TOKEN=$OTHER gh api`, `GH_TOKEN=$OTHER gh api`],
    ["substitution is kept", `GH_TOKEN="$(pass show gh)" gh api`, `GH_TOKEN="$(pass show gh)" gh api`],
    ["empty value is kept", "GH_TOKEN= gh api", "GH_TOKEN= gh api"],
    // URLs
    ["postgres url", "psql postgres://user:pass@host:5432/db", `psql postgres://user:${R}@host:5432/db`],
    ["https url", "git clone https://x-access-token:tok123@github.com/o/r", `git clone https://x-access-token:${R}@github.com/o/r`],
    ["password holding @", "psql 'postgresql://u:p@ss@db/x'", `psql 'postgresql://u:${R}@db/x'`],
    ["url without password is kept", "curl https://user@host:8080/path", "curl https://user@host:8080/path"],
    ["port is not a password", "curl http://host:8080/a@b", "curl http://host:8080/a@b"],
    // flags
    ["--password=", "mysql --password=hunter2 db", `mysql --password=${R} db`],
    ["--password VALUE", "pgcli --password hunter2 db", `pgcli --password ${R} db`],
    ["--token VALUE", "railway --token abc123 up", `railway --token ${R} up`],
    ["--token=", "vercel deploy --token=abc123", `vercel deploy --token=${R}`],
    ["--api-key quoted", `tool --api-key 'x y' run`, `tool --api-key ${R} run`],
    ["flag followed by another flag", "psql --no-password -h db", "psql --no-password -h db"],
    ["--token-file is not a token", "tool --token-file ~/.tok", "tool --token-file ~/.tok"],
    // mysql -p
    ["mysql -psecret", "mysql -uroot -psecret db", `mysql -uroot -p${R} db`],
    ["mysql -p'quoted'", "mysql -u root -p'se cret' db", `mysql -u root -p${R} db`],
    ["mariadb -p", "mariadb -psecret", `mariadb -p${R}`],
    ["mysqldump -p", "mysqldump -pS3cret db > dump.sql", `mysqldump -p${R} db > dump.sql`],
    ["mysql -p alone prompts", "mysql -u root -p db", "mysql -u root -p db"],
    ["-p of other commands is kept", "mkdir -pdir; mysql -uroot", "mkdir -pdir; mysql -uroot"],
    ["-p after the mysql command ended is kept", "mysql -e 'select 1' | grep -psomething", "mysql -e 'select 1' | grep -psomething"],
    // token shapes
    ["ghp token", `git push https://${GHP}@github.com/o/r`, `git push https://${R}@github.com/o/r`],
    ["gho token", `echo ${GHO}`, `echo ${R}`],
    ["github_pat token", `gh auth login --with-token <<< ${GITHUB_PAT}`, `gh auth login --with-token <<< ${R}`],
    ["AWS access key id", "aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE", `aws configure set aws_access_key_id ${R}`],
    ["Slack token", "curl -d token=xoxb-1234567890-abcdefghij slack", `curl -d token=${R} slack`],
    ["sk- key", `curl -H "x-api-key: ${SK}" api`, `curl -H "x-api-key: ${R}" api`],
    ["token shape inside an assignment", `GITHUB_TOKEN=${GHP} gh pr list`, `GITHUB_TOKEN=${R} gh pr list`],
    ["short sk- is kept", "git checkout sk-fix", "git checkout sk-fix"],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    "rm -rf node_modules dist",
    "git push --force-with-lease origin feature/x",
    "cd /srv && sudo systemctl restart nginx",
    `psql -c "DELETE FROM users WHERE id = 1"`,
    "curl -fsSL https://example.com/install.sh | sh",
    "KEY=value PATH=/usr/bin:$PATH make test",
    "echo 'the bearer of news'; task-runner --keys=a,b",
    "npm publish --otp 123456",
    "find . -name '*.ts' -exec grep -l TODO {} +",
    "",
  ])("leaves %j unchanged", (command) => {
    expect(redact(command)).toBe(command);
  });

  it("skips an expression only when it cannot match: the same result as running every expression", () => {
    const inputs = cases.flatMap(([, input]) => [input, input.toUpperCase(), input.toLowerCase(), `${input}; ${input.replace(/ /g, "\t")}`]);
    // Case variants of every literal a gate looks for, and non-ASCII letters that fold to ASCII ones in Unicode.
    inputs.push("export X_ToKeN=abc", "PaSsWoRd=x y", "curl -H 'X-API-KEY: abcdef123456'", "MySQL -pX", "CURL -u a:b x", "AUTHORIZATION: BEARER abcdef", "pa\u017fsword=abc", "\u212aEY=1 x_\u212aey=2");
    for (const input of inputs) expect(redact(input)).toBe(redact(input, true));
  });

  it("is idempotent", () => {
    for (const [, input] of cases) expect(redact(redact(input))).toBe(redact(input));
  });

  it("stays fast on adversarial input", () => {
    const inputs = [
      "A_".repeat(50_000),
      "-".repeat(100_000),
      `${"X_TOKEN='".repeat(20_000)}`,
      `mysql ${"-p ".repeat(30_000)}`,
      `${"mysql ".repeat(20_000)}`,
      `postgres://${"a".repeat(100_000)}`,
      `${"a:".repeat(50_000)}`,
      `--${"a-".repeat(50_000)}`,
      "x://u:".repeat(30_000),
      `x://u:${"@".repeat(100_000)}`,
      "Bearer ".repeat(30_000),
      `${"\\".repeat(50_000)}X_TOKEN="${"\\\"".repeat(30_000)}`,
    ];
    const started = Date.now();
    for (const input of inputs) redact(input);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
