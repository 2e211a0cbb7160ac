// URL hosts as clients resolve them, and curl/wget config files read as options.
import { describe, expect, it } from "vitest";
import { connectToTarget, isLocalHost, splitUrl } from "../../src/payloads/http-hosts";
import { curlConfigArgs, wgetrcArgs } from "../../src/payloads/http-config";

describe("splitUrl", () => {
  it.each([
    ["https://backboard.railway.app./graphql/v2", "backboard.railway.app", 443, "/graphql/v2"],
    ["HTTPS://API.Vercel.COM:8443/v9?x=1", "api.vercel.com", 8443, "/v9"],
    ["https://u:p@ss@backboard.railway.com/graphql", "backboard.railway.com", 443, "/graphql"],
    ["http://[::1]:9200/_all", "::1", 9200, "/_all"],
    ["localhost:9200/logs", "localhost", 9200, "/logs"],
    ["http://es/x#frag", "es", 80, "/x"],
    ["http://2130706433:8080/items", "127.0.0.1", 8080, "/items"],
    ["http://0x7f.1/", "127.0.0.1", 80, "/"],
    ["https://0102.0x3f.22.11/graphql", "66.63.22.11", 443, "/graphql"],
  ])("%s", (url, host, port, path) => {
    expect(splitUrl(url)).toMatchObject({ host, port, path });
  });

  it("expands curl URL globs into every host they reach", () => {
    expect(splitUrl("https://backboard.railway.{app,com}/graphql/v2")).toMatchObject({ host: "backboard.railway.app", alternatives: ["backboard.railway.com"] });
  });

  it("leaves a host built from expansions unknown", () => {
    expect(splitUrl("https://$API_HOST/v1").host).toBeUndefined();
  });
});

describe("isLocalHost", () => {
  it.each(["localhost", "LOCALHOST.", "app.localhost", "127.0.0.1", "127.1", "0x7f000001", "2130706433", "0177.0.0.1", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "0.0.0.0"])(
    "%s is this machine",
    (host) => expect(isLocalHost(host)).toBe(true),
  );
  it.each(["10.0.0.1", "192.168.1.5", "example.com", "localhost.example.com", "128.0.0.1", "::2"])("%s is not", (host) => expect(isLocalHost(host)).toBe(false));
});

describe("config files", () => {
  it("reads curl config syntax: long names without dashes, = or : or spaces, quoted values, short options", () => {
    const text = '# comment\nurl = "https://x/y"\nrequest: DELETE\n-H "Authorization: Bearer t"\n--data @f.json\nsilent\n';
    expect(curlConfigArgs(text)).toEqual(["--url", "https://x/y", "--request", "DELETE", "-H", "Authorization: Bearer t", "--data", "@f.json", "--silent"]);
  });
  it("reads the request-changing wgetrc commands, whatever their spelling", () => {
    expect(wgetrcArgs("method = DELETE\nbody_data = {}\nheader=Authorization: x\ntries = 3\n")).toEqual(["--method=DELETE", "--body-data={}", "--header=Authorization: x"]);
  });
  it("finds the --connect-to target", () => {
    expect(connectToTarget("example.com:443:Backboard.Railway.App.:443")).toBe("backboard.railway.app");
    expect(connectToTarget("::api.internal:")).toBe("api.internal");
  });
});
