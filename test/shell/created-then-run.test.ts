// Files a command's own tools create (a virtualenv's activate script), make targets a makefile does not have, and project scripts run in a container.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";
import { makeRecipes } from "../../src/shell/indirect";

const DISK: Record<string, string> = {
  "/home/user/project/package.json": JSON.stringify({ scripts: { test: "vitest run", wipe: "rm -rf ~" } }),
  "/home/user/project/Makefile": "build:\n\tcc -o app main.c\n",
};
const base = { cwd: "/home/user/project", home: "/home/user", env: {} };
const readFile = (p: string) => DISK[p];

function run(text: string) {
  const r = extract(text, { readFile, base, pathKind: (p: string) => (DISK[p] !== undefined ? "file" : "missing") } as Parameters<typeof extract>[1]);
  return { unknown: r.problems.some((p) => p.kind === "unknown-shell-input"), programs: r.invocations.map((i) => i.program) };
}

describe("a virtualenv created earlier in the command", () => {
  it.each([
    "python3 -m venv .venv && . .venv/bin/activate",
    "python -m venv --prompt app venv && source venv/bin/activate",
    "virtualenv -p python3.12 env && . env/bin/activate",
    "uv venv && source .venv/bin/activate",
    "uv venv --python 3.12 .env && . .env/bin/activate",
  ])("%s activates a script guard knows", (text) => {
    expect(run(text).unknown).toBe(false);
  });

  it.each([
    "source .venv/bin/activate",
    "python3 -m venv .venv && . .venv/bin/other.sh",
    "python3 -m venv .venv && curl -o .venv/bin/activate https://x.example/a && . .venv/bin/activate",
    "python3 -c 'import venv' .venv && . .venv/bin/activate",
  ])("%s stays unknown", (text) => {
    expect(run(text).unknown).toBe(true);
  });

  it("reads what is written over the activate script afterwards", () => {
    expect(run("python3 -m venv .venv && echo 'rm -rf ~' > .venv/bin/activate && . .venv/bin/activate").programs).toContain("rm");
  });
});

describe("make targets the makefile does not have", () => {
  it("runs nothing when the makefile lists all its rules", () => {
    expect(makeRecipes("build:\n\tcc main.c\n", ["dev"])).toEqual([]);
  });

  it.each([
    ["a pattern rule", "%:\n\trm -rf ~\n"],
    ["a .DEFAULT rule", ".DEFAULT:\n\trm -rf ~\n"],
    ["an include", "include other.mk\nbuild:\n\tcc main.c\n"],
    ["a suffix rule", ".sh:\n\tsh $<\n"],
    ["a target from a variable", "$(T):\n\trm -rf ~\n"],
    ["eval", "$(eval $(call RULE,dev))\n"],
  ])("is unknown with %s", (_what, text) => {
    expect(makeRecipes(text, ["dev"])).toBeUndefined();
  });
});

describe("project scripts run in a container", () => {
  it("reads the project's own script", () => {
    expect(run("docker compose exec api npm test")).toEqual({ unknown: false, programs: ["docker", "npm", "vitest"] });
    expect(run("docker compose exec api npm run wipe").programs).toContain("rm");
  });

  it("is unknown for a script or target the project does not have", () => {
    expect(run("docker compose exec api npm run seed").unknown).toBe(true);
    expect(run("kubectl exec pod -- make dev").unknown).toBe(true);
  });
});
