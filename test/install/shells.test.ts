// The installed shell traps in real shells: a catastrophic rm is skipped (the canary survives) and the next command runs; safe commands run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bashEnvPath } from "../../src/install/bash-env";
import { install, uninstall } from "../../src/install/install";
import { zshenvPath } from "../../src/install/zsh-env";
import { ensureBuilt } from "./support/build";
import { sandbox, type Sandbox } from "./support/sandbox";

const hasZsh = spawnSync("zsh", ["-f", "-c", "exit 0"]).status === 0;
if (!hasZsh) console.warn("zsh is not installed: the zsh integration tests are skipped (apt-get install zsh to run them)");

beforeAll(() => ensureBuilt(), 180_000);

function canary(box: Sandbox): string {
  const dir = join(box.root, "canary");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "canary.txt"), "still here\n");
  return dir;
}

function run(shell: string, script: string, env: Record<string, string>, cwd: string) {
  const r = spawnSync(shell, ["-c", script], { env, cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

describe("bash (BASH_ENV)", () => {
  function installed() {
    const box = sandbox();
    install({ target: "bash", context: box.context });
    const script = bashEnvPath("user", box.context);
    const dir = canary(box);
    return { box, script, dir, env: { ...box.env, BASH_ENV: script, CANARY_DIR: dir } };
  }

  it("installs the script (private) and the BASH_ENV block in ~/.profile and ~/.bashrc", () => {
    const { box, script } = installed();
    expect(script).toBe(join(box.home, ".config", "guard", "bash_env.sh"));
    expect(statSync(script).mode & 0o777).toBe(0o600);
    expect(statSync(join(box.home, ".config", "guard")).mode & 0o777).toBe(0o700);
    for (const rc of [".profile", ".bashrc"]) {
      expect(readFileSync(join(box.home, rc), "utf8")).toMatch(new RegExp(`# >>> guard >>>\\n.*\\nexport BASH_ENV=${script}\\n# <<< guard <<<\\n$`));
    }
    // A login shell (`bash -lc`, as Codex runs) exports it from ~/.profile and loads the trap itself.
    expect(run("bash", "declare -F __guard_check || echo none", { ...box.env }, box.root).stdout).toBe("none\n");
    const login = spawnSync("bash", ["-lc", "declare -F __guard_check >/dev/null && echo loaded"], { env: box.env, encoding: "utf8" });
    expect(String(login.stdout)).toBe("loaded\n");
  });

  it("skips `rm -rf \"$DIR\"/` (the canary survives) and goes on with the next command", () => {
    const { box, dir, env } = installed();
    const r = run("bash", 'rm -rf "$CANARY_DIR"/; echo after', env, box.root);
    expect(existsSync(join(dir, "canary.txt"))).toBe(true);
    expect(r.stdout).toBe("after\n");
    expect(r.stderr).toContain("fs.rm-recursive-catastrophic");
    expect(r.stderr).toContain("guard: not run: guard denied this command");
    expect(r.code).toBe(0);
  });

  it("names itself in the audit log, so its checks are told apart from a person's", () => {
    const { box, env } = installed();
    const log = join(box.root, "shell-audit.jsonl");
    run("bash", "true", { ...env, GUARD_AUDIT_LOG: log }, box.root);
    const records = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.source?.integration === "bash")).toBe(true);
  });

  it("runs safe commands, keeping their exit status", () => {
    const { box, dir, env } = installed();
    const r = run("bash", 'touch "$CANARY_DIR/made"; false; echo "status $?"', env, box.root);
    expect(existsSync(join(dir, "made"))).toBe(true);
    expect(r.stdout).toBe("status 1\n");
    expect(r.stderr).toBe("");
  });

  it("covers nested `bash -c` (BASH_ENV is inherited) and functions", () => {
    const { box, dir, env } = installed();
    const nested = run("bash", "bash -c \"bash -c 'rm -rf \\\"\\$CANARY_DIR\\\"/'\"; echo after", env, box.root);
    expect(existsSync(join(dir, "canary.txt"))).toBe(true);
    expect(nested.stdout).toBe("after\n");
    expect(run("bash", "bash -c 'declare -F __guard_check >/dev/null && echo loaded'", env, box.root).stdout).toBe("loaded\n");
    const fn = run("bash", 'wipe() { local d=$1; rm -rf "$d"/; }; wipe "$CANARY_DIR"; echo after', env, box.root);
    expect(existsSync(join(dir, "canary.txt"))).toBe(true);
    expect(fn.stdout).toBe("after\n");
  });

  it("refuses commands that would switch the trap off, and cannot be redefined", () => {
    const { box, dir, env } = installed();
    for (const off of ["trap - DEBUG", "shopt -u extdebug", "set +T", "__guard_check() { :; }", "unset -f __guard_check"]) {
      const r = run("bash", `${off}; rm -rf "$CANARY_DIR"/; echo after`, env, box.root);
      expect(existsSync(join(dir, "canary.txt")), off).toBe(true);
      expect(r.stdout, off).toBe("after\n");
    }
  });

  // guard reads its config from HOME, XDG_* and GUARD_*: a command that changes them in the checked shell would
  // have every later check (and every shell it starts) read a config it wrote. Each way bash sets or exports a
  // variable is refused, not only `export`.
  it("refuses every builtin that points guard at another config (declare -x, printf -v, read, mapfile, assignments)", () => {
    const { box, dir, env } = installed();
    const open = join(box.root, "trx");
    mkdirSync(join(open, "guard"), { recursive: true });
    mkdirSync(join(open, "h", ".config", "guard"), { recursive: true });
    for (const d of [join(open, "guard"), join(open, "h", ".config", "guard")]) writeFileSync(join(d, "config.yaml"), "rules: {fs.rm-recursive-catastrophic: allow, fs.rm-recursive-unknown-target: allow}\n");
    const setters = [
      `declare -x XDG_CONFIG_HOME=${open}`,
      `declare -gx XDG_CONFIG_HOME=${open}`,
      `typeset -x XDG_CONFIG_HOME=${open}`,
      `printf -v XDG_CONFIG_HOME %s ${open}; export XDG_CONFIG_HOME`,
      `read -r XDG_CONFIG_HOME <<< ${open}; export XDG_CONFIG_HOME`,
      `mapfile -t XDG_CONFIG_HOME <<< ${open}; export XDG_CONFIG_HOME`,
      `XDG_CONFIG_HOME=${open}; export XDG_CONFIG_HOME`,
      `XDG_CONFIG_HOME=${open}`,
      `HOME=${open}/h; unset XDG_CONFIG_HOME`,
      `f() { local -x XDG_CONFIG_HOME=${open}; rm -rf "$CANARY_DIR"/; }; f`,
    ];
    for (const set of setters) {
      const r = run("bash", `${set}; rm -rf "$CANARY_DIR"/; echo after`, env, box.root);
      expect(existsSync(join(dir, "canary.txt")), `${set}\n${r.stderr}`).toBe(true);
      expect(r.stdout, set).toBe("after\n");
    }
    // Control: the same config, set by the user before the shell starts, is read (so the refusals above are what kept the canary).
    const r = run("bash", 'rm -rf "$CANARY_DIR"/; echo after', { ...env, XDG_CONFIG_HOME: open }, box.root);
    expect(existsSync(join(dir, "canary.txt")), r.stderr).toBe(false);
    // Everyday settings still work.
    const ok = run("bash", 'export NODE_OPTIONS=--max-old-space-size=4096; declare -x PATH="$HOME/bin:$PATH"; read -r name <<< x; printf -v now %s y; echo "$name$now"', env, box.root);
    expect(ok.stdout, ok.stderr).toBe("xy\n");
  });

  it("--project writes only the script, under .guard/ in the repository", () => {
    const box = sandbox();
    install({ target: "bash", scope: "project", context: box.context });
    expect(existsSync(join(box.repo, ".guard", "bash_env.sh"))).toBe(true);
    expect(existsSync(join(box.home, ".profile"))).toBe(false);
  });

  it("uninstall removes the script and the blocks, restoring existing startup files byte for byte", () => {
    const box = sandbox();
    const bashrc = "# my bashrc\nalias ll='ls -l'\n";
    writeFileSync(join(box.home, ".bashrc"), bashrc);
    install({ target: "bash", context: box.context });
    expect(install({ target: "bash", context: box.context }).changed).toBe(false);
    const report = uninstall({ target: "bash", context: box.context });
    expect(report.files.map((f) => f.action)).toEqual(["deleted", "deleted", "restored"]);
    expect(readFileSync(join(box.home, ".bashrc"), "utf8")).toBe(bashrc);
    expect(existsSync(join(box.home, ".profile"))).toBe(false);
    expect(existsSync(bashEnvPath("user", box.context))).toBe(false);
  });
});

describe("zsh (~/.zshenv TRAPDEBUG)", () => {
  function installed() {
    const box = sandbox();
    const zdotdir = join(box.root, "zdotdir");
    mkdirSync(zdotdir);
    const context = { ...box.context, env: { ...box.env, ZDOTDIR: zdotdir } };
    install({ target: "zsh", context });
    const dir = canary(box);
    return { box, zdotdir, dir, env: { ...box.env, ZDOTDIR: zdotdir, CANARY_DIR: dir } };
  }

  it.skipIf(!hasZsh)("writes the block to $ZDOTDIR/.zshenv", () => {
    const { zdotdir, box } = installed();
    expect(zshenvPath({ home: box.home, env: { ZDOTDIR: zdotdir } })).toBe(join(zdotdir, ".zshenv"));
    expect(readFileSync(join(zdotdir, ".zshenv"), "utf8")).toMatch(/^# >>> guard >>>\n[\s\S]*TRAPDEBUG\(\)[\s\S]*# <<< guard <<<\n$/);
  });

  it.skipIf(!hasZsh)("skips `rm -rf \"$DIR\"/` and goes on with the next command", () => {
    const { box, dir, env } = installed();
    const r = run("zsh", 'rm -rf "$CANARY_DIR"/; echo after', env, box.root);
    expect(existsSync(join(dir, "canary.txt"))).toBe(true);
    expect(r.stdout).toBe("after\n");
    expect(r.stderr).toContain("fs.rm-recursive-catastrophic");
    expect(r.code).toBe(0);
  });

  it.skipIf(!hasZsh)("runs safe commands, keeping their exit status", () => {
    const { box, dir, env } = installed();
    const r = run("zsh", 'touch "$CANARY_DIR/made"; false; echo "status $?"', env, box.root);
    expect(existsSync(join(dir, "made"))).toBe(true);
    expect(r.stdout).toBe("status 1\n");
    expect(r.stderr).toBe("");
  });

  it.skipIf(!hasZsh)("covers nested zsh -c, functions with emulate -L, and refuses switching the trap off", () => {
    const { box, dir, env } = installed();
    const nested = run("zsh", "zsh -c \"zsh -c 'rm -rf \\\"\\$CANARY_DIR\\\"/'\"; echo after", env, box.root);
    expect(nested.stdout).toBe("after\n");
        // (The trap refuses any command that names it, so list the functions instead.)
    expect(run("zsh", "zsh -c 'print -l ${(k)functions}'", env, box.root).stdout.split("\n")).toContain("TRAPDEBUG");
    for (const script of [
      'f() { emulate -L zsh; local d=$1; rm -rf "$d"/; }; f "$CANARY_DIR"; echo after',
      'trap - DEBUG; rm -rf "$CANARY_DIR"/; echo after',
      'unsetopt debug_before_cmd; rm -rf "$CANARY_DIR"/; echo after',
      'TRAPDEBUG() { :; }; rm -rf "$CANARY_DIR"/; echo after',
    ]) {
      const r = run("zsh", script, env, box.root);
      expect(existsSync(join(dir, "canary.txt")), script).toBe(true);
      expect(r.stdout, script).toBe("after\n");
    }
  });

  // zsh sets a variable in more ways than a text check can list, and sees a whole sublist at once (`true && HOME=…`).
  // The trap keeps the values guard reads its config from as the shell started, and refuses everything once they differ.
  it.skipIf(!hasZsh)("refuses every later command once HOME (or XDG_*_HOME, GUARD_*) changed, however it was set", () => {
    const { box, env } = installed();
    const other = join(box.root, "other-home");
    for (const set of [`HOME=${other}`, `: \${HOME::=${other}}`, `print -v HOME ${other}`, `true && HOME=${other}`]) {
      rmSync(other, { recursive: true, force: true });
      mkdirSync(join(other, ".config", "guard"), { recursive: true });
      writeFileSync(join(other, ".config", "guard", "config.yaml"), "rules: {fs.rm-recursive-catastrophic: allow, fs.rm-recursive-unknown-target: allow}\n");
      writeFileSync(join(other, "canary.txt"), "keep");
      const r = run("zsh", `${set}; rm -rf "${other}"/; echo after`, env, box.root);
      expect(existsSync(join(other, "canary.txt")), `${set}\n${r.stderr}`).toBe(true);
      expect(r.stdout, set).toBe("");
      expect(r.stderr, set).toContain("was changed in this shell");
    }
    // Everyday settings still work, and a script that changes nothing guard reads runs to the end (an unexported
    // variable never reaches guard's process, so `GUARD_NOTE=1` alone changes nothing).
    const ok = run("zsh", 'export NODE_OPTIONS=--max-old-space-size=4096; path=(/usr/local/bin $path); export PATH; GUARD_NOTE=1; read -r name <<< x; print -v now y; echo "$name$now"', env, box.root);
    expect(ok.stdout, ok.stderr).toBe("xy\n");
  });

  it.skipIf(!hasZsh)("leaves interactive shells alone: only shells without a terminal check commands", () => {
    const { box, env } = installed();
    const r = spawnSync("zsh", ["-i", "-c", "print -l ${(k)functions} | grep -qx TRAPDEBUG && echo trapped || echo none"], { env, cwd: box.root, encoding: "utf8" });
    expect(String(r.stdout)).toContain("none");
  });

  it("uninstall removes the block and restores an existing .zshenv byte for byte", () => {
    const box = sandbox();
    const original = "export EDITOR=vim\n";
    writeFileSync(join(box.home, ".zshenv"), original);
    install({ target: "zsh", context: box.context });
    expect(readFileSync(join(box.home, ".zshenv"), "utf8")).toContain("export EDITOR=vim\n\n# >>> guard >>>\n");
    expect(uninstall({ target: "zsh", context: box.context }).files[0].action).toBe("restored");
    expect(readFileSync(join(box.home, ".zshenv"), "utf8")).toBe(original);
  });
});
