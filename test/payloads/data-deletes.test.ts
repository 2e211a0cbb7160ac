// Bulk-delete endpoints of data services: how much a request deletes is read from its selector, as SQL's WHERE is.
import { describe, expect, it } from "vitest";
import { deleteScope, type DeleteRequest } from "../../src/payloads/data-deletes";

function request(method: string, url: string, body?: string, extra: Partial<DeleteRequest> = {}): DeleteRequest {
  const path = /^https?:\/\/[^/]+([^?#]*)/.exec(url)?.[1] || "/";
  return { method, url, path, body, bodyUnknown: false, ...extra };
}

describe("bulk delete scope", () => {
  it.each([
    ["Qdrant empty filter", request("POST", "http://q:6333/collections/c/points/delete", '{"filter":{"must":[]}}'), "all"],
    ["Qdrant ids", request("POST", "http://q:6333/collections/c/points/delete?wait=true", '{"points":[1,2,3]}'), "keyed"],
    ["Qdrant filter", request("POST", "http://q:6333/collections/c/points/delete", '{"filter":{"must":[{"key":"a","match":{"value":1}}]}}'), "some"],
    ["Pinecone deleteAll", request("POST", "https://i.svc.pinecone.io/vectors/delete", '{"deleteAll":true}'), "all"],
    ["Pinecone deleteAll in the query", request("DELETE", "https://i.svc.pinecone.io/vectors/delete?deleteAll=true"), "all"],
    ["Pinecone ids in the query", request("DELETE", "https://i.svc.pinecone.io/vectors/delete?ids=a&ids=b"), "keyed"],
    ["Chroma nothing selected", request("POST", "http://c:8000/api/v1/collections/x/delete", "{}"), "all"],
    ["Milvus key expression", request("POST", "http://m:19530/v2/vectordb/entities/delete", '{"filter":"id in [1, 2]"}'), "keyed"],
    ["Milvus filter", request("POST", "http://m:19530/v2/vectordb/entities/delete", '{"filter":"year < 2020"}'), "some"],
    ["Weaviate batch without where", request("DELETE", "http://w:8080/v1/batch/objects", '{"match":{"class":"A"}}'), "all"],
    ["Algolia clear", request("POST", "https://x.algolia.net/1/indexes/p/clear"), "all"],
    ["Algolia empty filters", request("POST", "https://x.algolia.net/1/indexes/p/deleteByQuery", '{"params":"filters="}'), "all"],
    ["Algolia filters", request("POST", "https://x.algolia.net/1/indexes/p/deleteByQuery", '{"params":"filters=brand:acme"}'), "some"],
    ["Prometheus every series", request("POST", 'http://p:9090/api/v1/admin/tsdb/delete_series?match[]={__name__=~".+"}'), "all"],
    ["Prometheus one metric", request("POST", "http://p:9090/api/v1/admin/tsdb/delete_series?match[]=up"), "some"],
    ["Consul recurse", request("DELETE", "http://c:8500/v1/kv/app?recurse"), "all"],
    ["Consul one key", request("DELETE", "http://c:8500/v1/kv/app/flag"), "keyed"],
    ["unreadable body", request("POST", "http://q:6333/collections/c/points/delete", undefined, { bodyUnknown: true }), "unknown"],
  ])("%s", (_name, req, scope) => {
    expect(deleteScope(req)).toBe(scope);
  });

  it.each([
    ["a Qdrant search", request("POST", "http://q:6333/collections/c/points/search", '{"filter":{}}')],
    ["a Qdrant read by id", request("POST", "http://q:6333/collections/c/points", '{"ids":[1]}')],
    ["a GET of the delete path", request("GET", "http://q:6333/collections/c/points/delete")],
    ["a Consul read", request("GET", "http://c:8500/v1/kv/app?recurse")],
    ["an application path", request("POST", "http://localhost:3000/api/items/delete", "{}")],
  ])("%s is no bulk delete", (_name, req) => {
    expect(deleteScope(req)).toBeUndefined();
  });
});
