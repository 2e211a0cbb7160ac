// Interpreter indirection: aliases spelled out, home and literal path expressions evaluated, HTTP calls read as curl, fork bombs recognised.
import { describe, expect, it } from "vitest";
import { canonicalCode } from "../../src/shell/code-aliases";
import { valueOf } from "../../src/shell/code-values";
import { httpRequests } from "../../src/shell/code-http";
import { analyzeCode } from "../../src/shell/interpreter-code";
import { isForkBomb } from "../../src/shell/fork-bomb";
import { parseShell } from "../../src/shell/parse";

describe("canonicalCode", () => {
  it.each([
    ["python", "__import__('shutil').rmtree(p)", "shutil.rmtree(p)"],
    ["python", "getattr(shutil, 'rmtree')(p)", "shutil.rmtree(p)"],
    ["python", "from shutil import rmtree as r; r(p)", "from shutil import rmtree as shutil.rmtree; shutil.rmtree(p)"],
    ["python", "import subprocess as sp; sp.run(x)", "import subprocess as subprocess; subprocess.run(x)"],
    ["python", "import numpy as np; np.sum(x)", "import numpy as np; np.sum(x)"],
    ["python", "getattr(__import__('o' + 's'), 'sys' + 'tem')(c)", "os.system(c)"],
    ["javascript", "require('child_process')['exec' + 'Sync'](c)", "child_process.execSync(c)"],
    ["ruby", "FileUtils.send(:rm_rf, Dir.home)", "FileUtils.rm_rf(Dir.home)"],
    ["javascript", "require('node:fs').rmSync(p)", "fs.rmSync(p)"],
    ["javascript", "const cp = require('child_process'); cp.execSync(c)", "const cp = child_process; child_process.execSync(c)"],
    ["javascript", "const { execSync: run } = require('child_process'); run(c)", "const { execSync: child_process.execSync } = child_process; child_process.execSync(c)"],
    ["javascript", "const x = 5; x.toString()", "const x = 5; x.toString()"],
    // Text inside strings is never renamed.
    ["python", "from os import system as s; print('s')", "from os import system as os.system; print('s')"],
    // A from-import's names end with its line; an alias may sit in a list of imports.
    ["python", "from os import remove\nfor f in g(): remove(f)", "from os import os.remove\nfor f in g(): os.remove(f)"],
    ["python", "from os import (remove,\n  rmdir)\nrmdir(d)", "from os import (os.remove,\n  os.rmdir)\nos.rmdir(d)"],
    ["python", "import os, glob as g\ng.glob(p)", "import os, glob as glob\nglob.glob(p)"],
    ["javascript", "const fg = require('fast-glob'); fg.sync(p)", "const fg = fg; fg.sync(p)"],
    ["javascript", "const g = require('glob'); g.sync(p)", "const g = glob; glob.sync(p)"],
  ] as const)("%s: %s", (language, code, canonical) => {
    expect(canonicalCode(language, code)).toBe(canonical);
  });
});

describe("valueOf", () => {
  it.each([
    ["python", "os.path.expanduser('~')", "~"],
    ["python", "pathlib.Path.home()", "~"],
    ["python", "Path.home() / '.ssh' / 'id_rsa'", "~/.ssh/id_rsa"],
    ["python", "os.path.join(os.environ['HOME'], '.ssh')", "~/.ssh"],
    ["python", "os.environ.get('HOME') + '/x'", "~/x"],
    ["python", "f'{Path.home()}/Documents'", "~/Documents"],
    ["python", "base64.b64decode('cm0gLXJmIH4=').decode()", "rm -rf ~"],
    ["python", "os.path.join(os.getcwd(), 'build')", "./build"],
    ["python", "'~ fr- mr'[::-1]", "rm -rf ~"],
    ["python", "bytes.fromhex('726d202d7266207e').decode()", "rm -rf ~"],
    ["javascript", "Buffer.from('cm0gLXJmIH4=', 'base64').toString()", "rm -rf ~"],
    ["python", "os.environ['PROJECT']", undefined],
    ["python", "some_var + '/x'", undefined],
    ["javascript", "os.homedir()", "~"],
    ["javascript", "process.env.HOME + '/.ssh'", "~/.ssh"],
    ["javascript", "path.join(os.homedir(), '.claude', 'settings.json')", "~/.claude/settings.json"],
    ["javascript", "`${os.homedir()}/x`", "~/x"],
    ["javascript", "`${dir}/x`", undefined],
    ["ruby", "Dir.home", "~"],
    ["ruby", "File.join(Dir.home, '.ssh')", "~/.ssh"],
    ["ruby", `"#{ENV['HOME']}/x"`, "~/x"],
    ["ruby", "%q(a b)", "a b"],
    ["perl", "$ENV{HOME}", "~"],
    ["perl", '"$ENV{HOME}/.ssh/*"', "~/.ssh/*"],
    ["perl", '"$dir/x"', undefined],
  ] as const)("%s: %s", (language, text, value) => {
    expect(valueOf(text, language)).toBe(value);
  });

  it("stays bounded on deeply nested input", () => {
    const deep = "(".repeat(50_000) + "'a'" + ")".repeat(50_000);
    const start = Date.now();
    valueOf(deep, "python");
    valueOf("os.path.join(".repeat(2_000) + "'a'" + ")".repeat(2_000), "python");
    expect(Date.now() - start).toBeLessThan(2_000);
  });
});

describe("httpRequests", () => {
  it.each([
    ["python", "requests.delete('https://api.fly.io/v1/apps/x')", ["curl", "-X", "DELETE", "https://api.fly.io/v1/apps/x"]],
    ["python", "requests.post('https://h/graphql', json={'query': 'mutation { a }'})", ["curl", "-X", "POST", "https://h/graphql", "--data-raw", '{"query":"mutation { a }"}']],
    ["python", "urllib.request.Request('https://h/x', data=b'abc', method='PUT')", ["curl", "-X", "PUT", "https://h/x", "--data-raw", "abc"]],
    ["javascript", "fetch('https://h/x', {method: 'DELETE'})", ["curl", "-X", "DELETE", "https://h/x"]],
    ["javascript", "https.request({hostname: 'h', path: '/a', method: 'DELETE'})", ["curl", "-X", "DELETE", "https://h/a"]],
    ["ruby", 'Net::HTTP.new("h", 443).delete("/a")', ["curl", "-X", "DELETE", "https://h/a"]],
    ["perl", "HTTP::Request->new(DELETE => 'https://h/a')", ["curl", "-X", "DELETE", "https://h/a", "--data-raw", "$BODY"]],
  ] as const)("%s: %s", (language, code, argv) => {
    expect(httpRequests(language, code)[0].argv).toEqual(argv);
  });

  it.each([
    ["c = http.client.HTTPSConnection('h'); c.request('DELETE', '/a')", ["curl", "-X", "DELETE", "https://h/a"]],
    ["http.client.HTTPConnection('h', 8086).request('POST', '/query', 'q=x')", ["curl", "-X", "POST", "http://h:8086/query", "--data-raw", "q=x"]],
    ["urllib3.PoolManager().request('DELETE', 'https://h/a')", ["curl", "-X", "DELETE", "https://h/a"]],
    ["urllib3.request('DELETE', 'https://h/a')", ["curl", "-X", "DELETE", "https://h/a"]],
    ["p = urllib3.HTTPSConnectionPool('h', port=9443); p.urlopen('DELETE', '/a')", ["curl", "-X", "DELETE", "https://h:9443/a"]],
    ["s = requests.Session(); s.delete('https://h/a')", ["curl", "-X", "DELETE", "https://h/a"]],
    ["with requests.Session() as s:\n    s.request('DELETE', 'https://h/a')", ["curl", "-X", "DELETE", "https://h/a"]],
    ["c = httpx.Client(base_url='https://h/v1'); c.delete('/a')", ["curl", "-X", "DELETE", "https://h/v1/a"]],
  ] as const)("python client object: %s", (code, argv) => {
    expect(httpRequests("python", code)[0].argv).toEqual(argv);
  });

  it.each([
    ["python", "async with aiohttp.ClientSession() as s:\n    await s.delete('https://h/a')"],
    ["javascript", "got.delete('https://h/a')"],
    ["javascript", "got('https://h/a', {method: 'DELETE'})"],
    ["javascript", "superagent.del('https://h/a').end()"],
    ["ruby", "Faraday.new(url: 'https://h').delete('/a')"],
  ] as const)("%s client library: %s", (language, code) => {
    expect(httpRequests(language, code)[0].argv).toEqual(["curl", "-X", "DELETE", "https://h/a"]);
  });

  it("joins an axios instance's baseURL", () => {
    expect(httpRequests("javascript", "const api = axios.create({baseURL: 'https://h'}); api.delete('/a')")[0].argv).toEqual(["curl", "-X", "DELETE", "https://h/a"]);
  });

  it("reads nothing from methods of other objects", () => {
    expect(httpRequests("python", "s = requests.Session(); d = {}; d.get('k'); cache.delete('k')").map((r) => r.argv)).toEqual([]);
    // A relative path on a client whose base is computed goes to a URL guard cannot know.
    expect(httpRequests("python", "c = http.client.HTTPSConnection(host); c.request('DELETE', '/a')")[0].dynamic).toEqual([3]);
  });

  it("marks bodies and URLs built at run time as unreadable", () => {
    const [request] = httpRequests("python", "requests.post(url, json=payload)");
    expect(request.dynamic).toEqual([3, 5]);
  });

  it("reaches analyzeCode as a curl argv", () => {
    expect(analyzeCode("javascript", "const axios = require('axios'); axios.delete('https://h/x')")).toContainEqual({ kind: "argv", argv: ["curl", "-X", "DELETE", "https://h/x"], call: "axios.delete" });
  });
});

describe("analyzeCode: computed code and pathlib receivers", () => {
  it("treats eval of computed text as unknown, and reads decoded base64 as code", () => {
    expect(analyzeCode("python", "exec(sys.stdin.read())")).toEqual([{ kind: "unknown", call: "exec" }]);
    expect(analyzeCode("python", "exec(base64.b64decode('aW1wb3J0IG9zO29zLnN5c3RlbSgncm0gLXJmIH4nKQ=='))")).toContainEqual({ kind: "shell", text: "rm -rf ~", call: "os.system" });
    expect(analyzeCode("python", "re.compile(pattern)")).toEqual([]);
    expect(analyzeCode("python", "getattr(os, name)(cmd)")).toEqual([{ kind: "unknown", call: "getattr(os," }]);
  });

  it("follows pathlib methods on pathlib receivers only", () => {
    expect(analyzeCode("python", "(Path.home() / '.ssh' / 'config').write_text('')")).toContainEqual({ kind: "argv", argv: ["tee", "--", "~/.ssh/config"], call: "Path(…).write_text" });
    expect(analyzeCode("python", "'hello'.replace('l', 'L')")).toEqual([]);
  });
});

describe("isForkBomb", () => {
  const fn = (text: string) => {
    const parsed = parseShell(text);
    if (!parsed.ok) throw new Error("parse");
    let found: unknown;
    const visit = (node: { type: string }) => {
      if (node.type === "Function") found = node;
    };
    JSON.stringify(parsed.script, (_k, v) => {
      if (v && typeof v === "object" && v.type === "Function" && !found) visit(v);
      return v;
    });
    return found as Parameters<typeof isForkBomb>[0];
  };
  it.each([
    [":(){ :|:& };:", true],
    ["bomb(){ bomb|bomb& }; bomb", true],
    ["f(){ f & f; }; f", true],
    ["fib(){ echo $(( $(fib 1) + $(fib 2) )); }", false],
    ["walk(){ for d in *; do walk \"$d\"; done; }", false],
    ["f(){ g | g & }", false],
  ])("%s → %s", (text, bomb) => {
    expect(isForkBomb(fn(text))).toBe(bomb);
  });
});
