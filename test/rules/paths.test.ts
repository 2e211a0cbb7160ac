// The catastrophic-path class: what rm -r may never target, and the everyday targets that stay allowed.
import { describe, expect, it } from "vitest";
import { exampleContext } from "../../src/engine/example-context";
import { extract } from "../../src/shell/extract";
import { isCatastrophicPath } from "../../src/rules/paths";

function target(arg: string): boolean {
  const rm = extract(`rm -rf ${arg}`).invocations[0];
  return isCatastrophicPath(rm.argv[2], exampleContext());
}

describe("isCatastrophicPath (cwd /home/user/project, HOME /home/user)", () => {
  it.each([
    "/", "/*", "//", "~", "~/", "~/*", "$HOME", '"$HOME"', "${HOME}", "$HOME/", "$PWD", ".", "./", "..", "../..",
    "*", ".*", "./*", "/etc", "/etc/", "/usr/*", "/var/lib", "/home", "/home/user", "/home/user/project",
    '"$DIR/"', "$DIR/*", "${DIR}/", "'/'", "/./", "/usr/../", "$(pwd)",
  ])("%s is catastrophic", (arg) => {
    expect(target(arg)).toBe(true);
  });

  it.each([
    "node_modules", "dist", "./build", "/tmp/x", "~/project/tmp", "*.log", "build/*", '"$DIR"', '"${DIR:?}/"',
    "/home/user/project/build", "$HOME/project/tmp", '"$DIR/build"', "/etc/nginx/sites-enabled/old",
  ])("%s is not", (arg) => {
    expect(target(arg)).toBe(false);
  });
});
