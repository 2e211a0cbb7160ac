// redis-cli input: one command per line, quoting as redis-cli reads it, and the Lua scripts EVAL runs.
import { describe, expect, it } from "vitest";
import { analyzeRedis, redisWords } from "../../src/payloads/redis";

const kinds = (text: string) => analyzeRedis(text).map((s) => s.kind);

describe("redisWords", () => {
  it("splits on spaces and honours both quotes and escapes inside double quotes", () => {
    expect(redisWords(`SET k "a b" 'c d'`)).toEqual(["SET", "k", "a b", "c d"]);
    expect(redisWords(`EVAL "return \\"x\\"" 0`)).toEqual(["EVAL", 'return "x"', "0"]);
  });
});

describe("analyzeRedis", () => {
  it.each<[string, string[]]>([
    ["FLUSHALL", ["drop-database"]],
    ["select 2\nflushdb async\n", ["other", "drop-database"]],
    ["GET k\nDEL k", ["other", "other"]],
    [`EVAL "redis.call('FLUSHALL')" 0`, ["drop-database"]],
    [`EVAL "return redis.pcall('get', KEYS[1])" 1 k`, ["select"]],
    [`EVAL "return redis.call(ARGV[1])" 0 flushall`, ["dynamic"]],
    [`EVAL "return 'flushall'" 0`, ["select"]],
    ["EVALSHA 1a2b 0", ["dynamic"]],
    ["FCALL lib 0", ["dynamic"]],
  ])("%j", (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  // A trim whose bounds keep nothing empties the key like DELETE without WHERE; one that keeps a tail is housekeeping.
  it.each<[string, string]>([
    ["XTRIM s MAXLEN 0", "delete-without-where"],
    ["xtrim s maxlen ~ 0", "delete-without-where"],
    ["XTRIM s MAXLEN = 1000", "other"],
    ["XTRIM s MINID 0", "other"],
    ["LTRIM l 1 0", "delete-without-where"],
    ["LTRIM l -1 -2", "delete-without-where"],
    ["LTRIM l 0 0", "other"],
    ["LTRIM l 0 -1", "other"],
    ["LTRIM l 5 -1", "other"],
    ["ZREMRANGEBYRANK z 0 -1", "delete-without-where"],
    ["ZREMRANGEBYRANK z 0 -101", "other"],
    ["ZREMRANGEBYSCORE z -inf +inf", "delete-without-where"],
    ["ZREMRANGEBYSCORE z -inf 100", "other"],
    ["ZREMRANGEBYLEX z - +", "delete-without-where"],
    ["ZREMRANGEBYLEX z - [m", "other"],
  ])("trim %j", (text, expected) => {
    expect(kinds(text)).toEqual([expected]);
  });

  it("locates each command in the input", () => {
    const [, second] = analyzeRedis("PING\n  FLUSHALL  \n");
    expect(second).toMatchObject({ text: "FLUSHALL", start: 7, end: 15 });
  });
});
