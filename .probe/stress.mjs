// Times guard on large adversarial interpreter inputs.
import { execFileSync } from "node:child_process";
const cases = {
  parens: "python3 -c \"x = " + "(".repeat(20000) + "'a'" + ")".repeat(20000) + "\"",
  unlinks: "python3 -c \"" + "(Path('a')).unlink()\n".repeat(3000) + "\"",
  concat: "node -e \"fs.rmSync(" + "'a'+".repeat(10000) + "'b', {recursive: true})\"",
  calls: "python3 -c \"" + "os.path.join(".repeat(3000) + "'a'" + ")".repeat(3000) + "\"",
  fstr: "python3 -c \"shutil.rmtree(f'" + "{x}".repeat(10000) + "')\"",
  nested: "node -e \"" + "require('fs').rmSync(path.join(os.homedir(), 'x'), {recursive:true});".repeat(1000) + "\"",
};
for (const [name, command] of Object.entries(cases)) {
  const t = Date.now();
  let out; try { out = execFileSync("node", ["bin/guard", "check", "--json", "-"], { input: command, encoding: "utf8" }); } catch (e) { out = e.stdout; }
  console.log(name, command.length, Date.now() - t, "ms", JSON.parse(out).decision);
}
for (const [name, command] of Object.entries({
  base: "python3 -c \"" + "x = 'aaaaaaaaaaaaaaaaaaaa'\n".repeat(2700) + "\"",
  unlinks_string: "python3 -c \"" + "print('a').unlink()\n".repeat(3000) + "\"",
  removes: "python3 -c \"" + "os.remove('a')\n".repeat(4000) + "\"",
})) {
  const t = Date.now();
  let out; try { out = execFileSync("node", ["bin/guard", "check", "--json", "-"], { input: command, encoding: "utf8" }); } catch (e) { out = e.stdout; }
  console.log(name, command.length, Date.now() - t, "ms", JSON.parse(out).decision);
}
