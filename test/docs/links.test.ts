// Every relative link in README.md and docs/*.md resolves to a file, and every #anchor to a heading in it.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const pages = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "");
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) out.add(slug(m[1]));
  for (const m of text.matchAll(/<a id="([^"]+)"/g)) out.add(m[1]);
  return out;
}

function links(file: string): string[] {
  const text = readFileSync(file, "utf8").replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));
}

describe("documentation links", () => {
  it.each(pages)("%s: every relative link resolves", (page) => {
    const broken: string[] = [];
    for (const link of links(join(ROOT, page))) {
      const [path, anchor] = link.split("#");
      const target = path ? resolve(dirname(join(ROOT, page)), path) : join(ROOT, page);
      if (!existsSync(target)) broken.push(link);
      else if (anchor && target.endsWith(".md") && !anchors(target).has(anchor)) broken.push(link);
    }
    expect(broken).toEqual([]);
  });
});
