// The text edits under install: guard's marked block in startup files, JSON edited in place, and the dry-run diff.
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/install/diff";
import { insertMember, member, parseTree, removeMember } from "../../src/install/json-text";
import { blockBody, hasBlock, withBlock, withoutBlock } from "../../src/install/marked-block";

describe("marked block", () => {
  it("appends after a blank line, replaces itself, and comes out cleanly", () => {
    for (const original of ["", "alias ll='ls -l'\n", "no final newline", "a\n\n"]) {
      const once = withBlock(original, "export X=1");
      expect(hasBlock(once)).toBe(true);
      expect(blockBody(once)).toBe("export X=1");
      expect(withBlock(once, "export X=1")).toBe(once);
      expect(blockBody(withBlock(once, "export X=2"))).toBe("export X=2");
      expect(withoutBlock(once)).toBe(original === "no final newline" ? "no final newline\n" : original);
    }
  });

  it("leaves the lines around the block alone", () => {
    const text = "before\n# >>> guard >>>\nold\n# <<< guard <<<\nafter\n";
    expect(withoutBlock(text)).toBe("before\nafter\n");
    expect(withBlock(text, "new")).toBe("before\n# >>> guard >>>\nnew\n# <<< guard <<<\nafter\n");
  });

  it("does not touch a block that has no end marker", () => {
    const text = "# >>> guard >>>\nsomething\n";
    expect(hasBlock(text)).toBe(false);
    expect(withoutBlock(text)).toBe(text);
  });
});

describe("JSON edited as text", () => {
  it("inserts into pretty, one-line and empty containers in their own style", () => {
    const pretty = '{\n    "a": [\n        1\n    ]\n}\n';
    const tree = parseTree(pretty);
    expect(insertMember(pretty, member(tree, "a")!.value, { value: { b: 2 } })).toBe('{\n    "a": [\n        1,\n        {\n            "b": 2\n        }\n    ]\n}\n');
    expect(insertMember('{"a": [1]}', member(parseTree('{"a": [1]}'), "a")!.value, { value: 2 })).toBe('{"a": [1, 2]}');
    expect(insertMember("{}\n", parseTree("{}\n"), { key: "k", value: [1] })).toBe('{\n  "k": [\n    1\n  ]\n}\n');
    expect(insertMember('{\n  "z": 0\n}', parseTree('{\n  "z": 0\n}'), { key: "v", value: 1 }, "start")).toBe('{\n  "v": 1,\n  "z": 0\n}');
  });

  it("removes members with their commas", () => {
    const text = '{ "a": 1, "b": 2, "c": 3 }';
    const tree = parseTree(text);
    expect(removeMember(text, tree, 0)).toBe('{ "b": 2, "c": 3 }');
    expect(removeMember(text, tree, 1)).toBe('{ "a": 1, "c": 3 }');
    expect(removeMember(text, tree, 2)).toBe('{ "a": 1, "b": 2 }');
    expect(removeMember('[\n  "x"\n]', parseTree('[\n  "x"\n]'), 0)).toBe("[]");
  });

  it("reads strings with escapes and nested values", () => {
    const text = '{"k\\"ey": {"x": [1, "a,b]}"]}, "n": -1.5e3}';
    const tree = parseTree(text);
    expect(member(tree, 'k"ey')).toBeDefined();
    const n = member(tree, "n")!;
    expect(text.slice(n.value.start, n.value.end)).toBe("-1.5e3");
  });
});

describe("unified diff", () => {
  it("shows added lines with context, and nothing for equal texts", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\n";
    const after = "a\nb\nc\nd\nX\ne\nf\ng\n";
    expect(unifiedDiff(before, after, { from: "a/f", to: "b/f" })).toBe("--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n b\n c\n d\n+X\n e\n f\n g\n");
    expect(unifiedDiff(before, before, { from: "a/f", to: "b/f" })).toBe("");
  });

  it("shows a new file and a missing final newline", () => {
    expect(unifiedDiff("", "x\n", { from: "/dev/null", to: "b/f" })).toBe("--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n");
    expect(unifiedDiff("x", "x\n", { from: "a/f", to: "b/f" })).toBe("--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+x\n");
  });
});
