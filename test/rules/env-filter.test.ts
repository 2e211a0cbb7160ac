// `env | grep NAME` is allowed only when no credential-like variable's line would pass the grep, judged on the real environment.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

function decision(command: string, env: Record<string, string>): string {
  return evaluate(command, ruleset, { ...exampleContext(), env }).decision;
}

describe("environment dumps filtered by grep", () => {
  it("allows a grep for a plain name that no credential-like variable contains", () => {
    expect(decision("env | grep FOO", { FOO: "1", HOME: "/home/user" })).toBe("allow");
    expect(decision("printenv | grep -i ^lang=", { LANG: "C.UTF-8" })).toBe("allow");
  });

  it("asks when a credential-like variable's line would pass the same grep", () => {
    expect(decision("env | grep FOO", { FOO_API_TOKEN: "s3cret" })).toBe("ask");
    expect(decision("env | grep -i foo", { SECRET_KEY: "foo-123" })).toBe("ask");
  });

  it("does not count a certificate location as a credential (NODE_EXTRA_CA_CERTS=/etc/ssl/…)", () => {
    expect(decision("env | grep NODE", { NODE_EXTRA_CA_CERTS: "/etc/ssl/certs/ca-certificates.crt", NODE_ENV: "dev" })).toBe("allow");
    expect(decision("env | grep SSL", { SSL_CERT_DIR: "/etc/ssl/certs" })).toBe("allow");
    // A certificate's key, or certificate content rather than a path, still counts.
    expect(decision("env | grep CLIENT", { CLIENT_CERT_KEY: "/etc/ssl/private/c.key" })).toBe("ask");
    expect(decision("env | grep NODE", { NODE_CERT: "-----BEGIN CERTIFICATE----- MIIB" })).toBe("ask");
  });

  it("asks for provider names and credential words whatever the environment holds", () => {
    expect(decision("env | grep STRIPE", {})).toBe("ask");
    expect(decision("env | grep -i password", {})).toBe("ask");
  });

  it("asks when the filter is not a plain grep for one name", () => {
    for (const command of ["env | grep -v FOO", "env | grep -A1 FOO", "env | grep -e FOO -e BAR", "env | grep -f names.txt", "env | grep 'F.*'"]) {
      expect(decision(command, { FOO: "1" }), command).toBe("ask");
    }
  });
});
