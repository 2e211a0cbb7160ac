// A list element after a failed existence test runs where that path is absent: its write creates, never replaces.
import { describe, expect, it } from "vitest";
import { extract } from "../../src/shell/extract";

function absentOf(command: string, program: string): string[] | undefined {
  const { invocations } = extract(command, { base: { cwd: "/p", home: "/h" } });
  return invocations.find((i) => i.program === program)?.absent;
}

describe("paths a test proves absent", () => {
  it("marks the command after `[ -f X ] ||`, `test -e X ||` and `[[ ! -f X ]] &&`", () => {
    expect(absentOf("[ -f .env ] || cp .env.example .env", "cp")).toEqual(["/p/.env"]);
    expect(absentOf("test -e .env || cp a .env", "cp")).toEqual(["/p/.env"]);
    expect(absentOf("[[ ! -f config/.env ]] && cp a config/.env", "cp")).toEqual(["/p/config/.env"]);
    expect(absentOf("[ -e .env ] || { cp a .env; }", "cp")).toEqual(["/p/.env"]);
    expect(absentOf("make setup || [ -f .env ] || cp a .env", "cp")).toEqual(["/p/.env"]);
  });

  it("marks nothing where the file may be there", () => {
    for (const command of ["[ -f .env ] && cp a .env", "[ ! -f .env ] || cp a .env", "[ -s .env ] || cp a .env", "[ -f \"$F\" ] || cp a .env",
      "[ -f .env -a -f b ] || cp a .env", "[ -f .env ] || true; cp a .env", "[ -f .env ] || echo no && cp a .env",
      "false && [ -f .env ] || cp a .env", "true || [ ! -f .env ] && cp a .env"]) {
      expect(absentOf(command, "cp"), command).toBeUndefined();
    }
  });

  it("resolves the path where the test ran, not after a later cd", () => {
    expect(absentOf("cd /q && [ -f .env ] || cp a .env", "cp")).toBeUndefined();
    expect(absentOf("[ -f .env ] || (cd sub; cp a .env)", "cp")).toEqual(["/p/.env"]);
  });
});
