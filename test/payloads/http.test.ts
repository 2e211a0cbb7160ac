// HTTP and GraphQL payloads: the incident request is denied in every form; read-only requests are not.
import { describe, expect, it } from "vitest";
import { graphqlDocument, graphqlOperations, readGraphql } from "../../src/payloads/graphql";
import { httpFacts } from "../../src/payloads/http";
import { extract } from "../../src/shell/extract";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { builtinRuleFiles } from "../../src/rules/builtin";
import { buildRuleset } from "../../src/rules/ruleset";

const ruleset = buildRuleset(builtinRuleFiles());
const decide = (text: string) => evaluate(text, ruleset, exampleContext()).decision;

const MUTATION = '{"query":"mutation { volumeDelete(volumeId: \\"vol_1\\") }"}';
const QUERY = '{"query":"query { me { projects { edges { node { id } } } } }"}';

describe("the incident", () => {
  it.each([
    ["inline body, .app host", `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d '${MUTATION}'`],
    ["inline body, .com host", `curl -X POST https://backboard.railway.com/graphql/v2 -H "Authorization: Bearer $TOKEN" -d '${MUTATION}'`],
    ["body in a file", `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d @volume-delete.json`],
    ["body in a heredoc", `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" --data-binary @- <<'EOF'\n${MUTATION}\nEOF`],
    ["body in a variable", `BODY='${MUTATION}'; curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d "$BODY"`],
    ["query in a variable", `Q='mutation { volumeDelete(volumeId: "vol_1") }'\ncurl https://backboard.railway.com/graphql/v2 -H "project-access-token: $T" --json "{\\"query\\": \\"$Q\\"}"`],
    ["through sudo and bash -c", `sudo bash -c "curl https://backboard.railway.app/graphql/v2 -d @volume-delete.json"`],
    ["httpie", `http POST https://backboard.railway.app/graphql/v2 query='mutation { volumeDelete(volumeId: "v") }'`],
    ["aliased field", `curl https://backboard.railway.app/graphql/v2 -d '{"query":"mutation Wipe { gone: volumeDelete(volumeId: \\"v\\") }"}'`],
    ["railway api", `railway api 'mutation { volumeDelete(volumeId: "vol_1") }'`],
  ])("is denied: %s", (_name, text) => {
    expect(decide(text)).toBe("deny");
  });

  it.each([
    ["inline", `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d '${QUERY}'`],
    ["file", `curl -X POST https://backboard.railway.com/graphql/v2 -H "Authorization: Bearer $TOKEN" -d @volume-list.json`],
    ["variable", `BODY='${QUERY}'; curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer $TOKEN" -d "$BODY"`],
    ["a mutation name in a string argument", `curl https://backboard.railway.app/graphql/v2 -d '{"query":"query { search(text: \\"volumeDelete\\") { id } }"}'`],
  ])("the same request with a query is allowed: %s", (_name, text) => {
    expect(decide(text)).toBe("allow");
  });

  it("asks when the body or the host cannot be known", () => {
    expect(decide(`curl https://backboard.railway.app/graphql/v2 -d "$BODY"`)).toBe("ask");
    expect(decide(`curl "$RAILWAY_API" -d '${MUTATION}'`)).toBe("ask");
    expect(decide("curl https://backboard.railway.app/graphql/v2 -d @/tmp/unknown.json")).toBe("ask");
  });

  it("asks when a variable was assigned twice", () => {
    expect(decide(`if x; then B='${QUERY}'; else B='${MUTATION}'; fi; curl https://backboard.railway.app/graphql/v2 -d "$B"`)).toBe("ask");
  });
});

describe("graphqlOperations", () => {
  it.each([
    ["mutation { a(x: 1) { id } b }", [{ type: "mutation", fields: ["a", "b"] }]],
    ["{ me { id } }", [{ type: "query", fields: ["me"] }]],
    ["query Q($id: ID!) { node(id: $id) { ... on Volume { id } } }", [{ type: "query", name: "Q", fields: ["node"] }]],
    ['mutation M { x: volumeDelete(volumeId: "{ }") @skip(if: false) }', [{ type: "mutation", name: "M", fields: ["volumeDelete"] }]],
    // Exact reading: fragments spread at the root, every line terminator, block strings.
    ["mutation { ...F } fragment F on Mutation { volumeDelete(volumeId: \"v\") }", [{ type: "mutation", fields: ["volumeDelete"] }]],
    ["mutation { ... on Mutation { ...G } } fragment G on Mutation { a: projectDelete(id: 1) }", [{ type: "mutation", fields: ["projectDelete"] }]],
    ["# a comment\rmutation { volumeDelete(volumeId: 1) }", [{ type: "mutation", fields: ["volumeDelete"] }]],
    ['query { search(text: """ \n } mutation { volumeDelete """) { id } }', [{ type: "query", fields: ["search"] }]],
    ["mutation { ...A } fragment A on M { ...B } fragment B on M { ...A volumeDelete }", [{ type: "mutation", fields: ["volumeDelete"] }]],
    ['# mutation { volumeDelete }\nquery { me }', [{ type: "query", fields: ["me"] }]],
    ['query { a } mutation { b }', [{ type: "query", fields: ["a"] }, { type: "mutation", fields: ["b"] }]],
    ['fragment F on T { volumeDelete } query { a }', [{ type: "query", fields: ["a"] }]],
  ])("%s", (doc, ops) => {
    expect(graphqlOperations(doc)).toEqual(ops);
  });

  it("reads text the reference parser rejects leniently, and says so", () => {
    expect(readGraphql("mutation { volumeDelete(volumeId: \"v\") } }")).toEqual({ exact: false, operations: [{ type: "mutation", fields: ["volumeDelete"] }] });
    expect(readGraphql("# x\rmutation { a }").exact).toBe(true);
    // Leniently, a fragment may be spread by any mutation.
    expect(readGraphql("mutation { ...F } fragment F on M { volumeDelete } }").operations).toEqual([{ type: "mutation", fields: ["volumeDelete"] }]);
  });

  it("reads the query out of JSON bodies and batches", () => {
    expect(graphqlDocument('{"query":"mutation { a }","variables":{}}')).toBe("mutation { a }");
    expect(graphqlDocument('[{"query":"query { a }"},{"query":"mutation { b }"}]')).toBe("query { a }\nmutation { b }");
  });
});

describe("httpFacts", () => {
  const facts = (text: string) => httpFacts(extract(text).invocations.at(-1)!, exampleContext());

  it.each([
    ["curl https://api.x.com/a", "GET"],
    ["curl -d x https://api.x.com/a", "POST"],
    ["curl -G -d x https://api.x.com/a", "GET"],
    ["curl -X delete https://api.x.com/a", "DELETE"],
    ["curl --request=PATCH https://api.x.com/a", "PATCH"],
    ["curl -T f https://api.x.com/a", "PUT"],
    ["wget --method=DELETE https://api.x.com/a", "DELETE"],
    ["wget --post-data=a=1 https://api.x.com/a", "POST"],
    ["http DELETE api.x.com/a", "DELETE"],
    ["http api.x.com/a name=x", "POST"],
    ["gh api repos/o/r", "GET"],
    ["gh api repos/o/r/issues -f title=x", "POST"],
    ["gh api --method DELETE repos/o/r", "DELETE"],
  ])("%s → %s", (text, method) => {
    expect(facts(text)?.[0].method).toBe(method);
  });

  it("finds host, path and credentials", () => {
    expect(facts('curl -H "Authorization: Bearer x" https://User@API.Example.com:8443/v1/x?y=1')?.[0]).toMatchObject({
      host: "api.example.com", path: "/v1/x", authenticated: true,
    });
    expect(facts("curl -u me:tok https://api.x.com")?.[0].authenticated).toBe(true);
    expect(facts("curl https://api.x.com")?.[0].authenticated).toBe(false);
    expect(facts("ls")).toBeUndefined();
  });
});
