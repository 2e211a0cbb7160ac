// Parameter operators and `read` compute what bash computes (expected values recorded from bash 5).
import { describe, expect, it } from "vitest";
import { parseShell, type ShWord } from "../../src/shell/parse";
import { expandWord } from "../../src/shell/expand";
import { readAssigns, mapfileAssigns, printfAssigns } from "../../src/shell/reads";
import { literalWord } from "../../src/shell/words";

function wordOf(text: string): ShWord {
  const parsed = parseShell(`: ${text}`);
  if (!parsed.ok) throw new Error(parsed.error);
  const command = parsed.script.commands[0].command as unknown as { args: ShWord[] };
  return command.args[0];
}

/** [value of X, operator, what bash's `"${X<operator>}"` gives]. */
const BASH: [string, string, string][] = [
  ["/home/user", "%/", "/home/user"], ["/home/user/", "%/", "/home/user"], ["/home/user", "%/*", "/home"], ["/home/user", "%%/*", ""],
  ["/home/user", "#*/", "home/user"], ["/home/user", "##*/", "user"], ["x.tar.gz", "%.*", "x.tar"], ["x.tar.gz", "%%.*", "x"],
  ["/home/user", "/#\\//", "home/user"], ["/home/user", "//\\//_", "_home_user"], ["/home/user/", "/%\\//", "/home/user"],
  ["/home/user", ":0", "/home/user"], ["/home/user", ":1:4", "home"], ["/home/user", ": -4", "user"], ["/", ": -2", ""],
  ["/home/user", ":0:-1", "/home/use"], ["AbC", "^", "AbC"], ["it's", "@Q", "'it'\\''s'"], ["abc", "/b/[x]", "a[x]c"],
  ["a/b", "%[/]", "a/b"], ["ab*c", "//'*'/S", "abSc"], ["abc", "//[a-c]/-", "---"], ["//", "%/", "/"], ["/home/user", "/#x/", "/home/user"],
];

describe("parameter operators on known values", () => {
  it.each(BASH)("X=%j: ${X%s} is %j", (value, op, expected) => {
    const e = expandWord(wordOf(`"\${X${op}}"`), { vars: new Map([["X", value]]) });
    expect(e.fields?.map((f) => f.value)).toEqual([expected]);
  });

  it("gives both spellings for a case change (a case-insensitive filesystem names the same path)", () => {
    const e = expandWord(wordOf('"${X^^}"'), { vars: new Map([["X", "/home/user"]]) });
    expect(e.fields).toBeUndefined();
    expect(e.candidates.map((f) => f.value)).toEqual(["/HOME/USER", "/home/user"]);
  });

  it("follows indirection, lengths, array elements and the environment guard knows", () => {
    const env = (name: string) => (name === "HOME" ? "/home/user" : undefined);
    const scope = { vars: new Map([["v", "HOME"]]), lists: new Map([["a", [{ value: "/", glob: false }, { value: "x", glob: false }]]]), env };
    expect(expandWord(wordOf('"${!v}"'), scope).fields?.[0].value).toBe("/home/user");
    expect(expandWord(wordOf('"${#HOME}"'), scope).fields?.[0].value).toBe("10");
    expect(expandWord(wordOf('"${a[0]}"'), scope).fields?.[0].value).toBe("/");
    expect(expandWord(wordOf('"${a[-1]}"'), scope).fields?.[0].value).toBe("x");
    expect(expandWord(wordOf('"${HOME%/}"'), scope).fields?.[0].value).toBe("/home/user");
    // A plain reference stays as written, for the path rules to read.
    expect(expandWord(wordOf('"$HOME"'), scope).fields).toBeUndefined();
  });

  it("stays unknown where bash's value depends on what guard cannot see", () => {
    expect(expandWord(wordOf('"${X%/}"'), {}).fields).toBeUndefined();
    expect(expandWord(wordOf('"${X%$p}"'), { vars: new Map([["X", "/a"]]) }).fields).toBeUndefined();
    expect(expandWord(wordOf('"${X:$n}"'), { vars: new Map([["X", "/a"]]) }).fields).toBeUndefined();
  });
});

const argv = (...words: string[]) => words.map((w) => literalWord(w, { start: 0, end: 0 }));

describe("values builtins assign", () => {
  it("read splits by IFS, the last name taking the rest, and keeps escaped separators", () => {
    expect(readAssigns(argv("read", "a", "b"), "  x  y z \n")?.scalars).toEqual([["a", "x"], ["b", "y z"]]);
    expect(readAssigns(argv("read", "a", "b"), "a\\ b\n")?.scalars).toEqual([["a", "a b"], ["b", ""]]);
    expect(readAssigns(argv("read", "-r", "d"), "a\\b\n")?.scalars).toEqual([["d", "a\\b"]]);
    expect(readAssigns(argv("read"), "  /  \n")?.scalars).toEqual([["REPLY", "  /  "]]);
    expect(readAssigns(argv("read", "-d", ":", "d"), "/:x")?.scalars).toEqual([["d", "/"]]);
    expect(readAssigns(argv("read", "-a", "arr"), "/ ~\n")?.arrays).toEqual([["arr", ["/", "~"]]]);
  });

  it("read from input guard cannot see leaves the names unknown", () => {
    expect(readAssigns(argv("read", "d"), undefined)?.scalars).toEqual([["d", null]]);
    expect(readAssigns(argv("read", "-n", "1", "d"), "/\n")?.scalars).toEqual([["d", null]]);
  });

  it("mapfile and printf -v", () => {
    expect(mapfileAssigns(argv("mapfile", "-t", "a"), "/\n~\n")?.arrays).toEqual([["a", ["/", "~"]]]);
    expect(mapfileAssigns(argv("readarray", "a"), "/\n")?.arrays).toEqual([["a", ["/\n"]]]);
    expect(printfAssigns(argv("printf", "-v", "d", "%s/%s", "a", "b"))?.scalars).toEqual([["d", "a/b"]]);
  });
});
