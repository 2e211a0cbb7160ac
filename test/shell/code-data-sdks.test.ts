// Data-service SDK calls in interpreter code: each reads as the HTTP request or client command it amounts to, which the data-services and SQL rules judge.
import { describe, expect, it } from "vitest";
import { dataSdkCalls } from "../../src/shell/code-data-sdks";

const argvs = (code: string) => dataSdkCalls(code).map((c) => c.argv);

describe("data-service SDK calls", () => {
  it.each([
    ["from qdrant_client import QdrantClient; QdrantClient('h').delete_collection('docs')", ["curl", "-X", "DELETE", "http://qdrant:6333/collections/docs"]],
    ["from qdrant_client import models; c.delete(collection_name='d', points_selector=models.FilterSelector(filter=models.Filter(must=[])))", ["curl", "-X", "POST", "http://qdrant:6333/collections/c/points/delete", "--data-raw", '{"filter":{}}']],
    ["from qdrant_client import models; c.delete(collection_name='d', points_selector=models.PointIdsList(points=[1]))", ["curl", "-X", "POST", "http://qdrant:6333/collections/c/points/delete", "--data-raw", '{"points":["x"]}']],
    ["from pinecone import Pinecone; Pinecone().Index('p').delete(delete_all=True)", ["curl", "-X", "POST", "https://index.svc.pinecone.io/vectors/delete", "--data-raw", '{"deleteAll":true}']],
    ["import chromadb; col.delete(where={'a': 1})", ["curl", "-X", "POST", "http://chroma:8000/api/v1/collections/c/delete", "--data-raw", '{"where":{"selected":true}}']],
    ["import weaviate; client.collections.delete('Article')", ["curl", "-X", "DELETE", "http://weaviate:8080/v1/schema/Article"]],
    ["from elasticsearch import Elasticsearch; es.indices.delete(index='orders')", ["curl", "-X", "DELETE", "http://elasticsearch:9200/orders"]],
    ["from influxdb import InfluxDBClient; c.drop_database('telegraf')", ["influx", "-execute", "DROP DATABASE telegraf"]],
    ["from neo4j import GraphDatabase; s.run('MATCH (n) DETACH DELETE n')", ["cypher-shell", "MATCH (n) DETACH DELETE n"]],
  ])("%s", (code, argv) => {
    expect(argvs(code)).toContainEqual(argv);
  });

  it("reads nothing without the SDK, or from other receivers' delete", () => {
    expect(argvs("cache.delete('k'); d.delete_collection('x')")).toEqual([]);
    expect(argvs("import qdrant_client, requests; requests.delete('http://localhost:3000/x')")).toEqual([]);
  });
});
