// Permissions opened on system paths: which modes let others write, which paths count, and what stays allowed.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { grantsSharedWrite } from "../../src/rules/permission-classes";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

function rules(command: string): string[] {
  return evaluate(command, ruleset, exampleContext()).findings.map((f) => f.rule);
}

describe("modes that let the group or everyone write", () => {
  it.each(["666", "777", "0777", "1777", "775", "662", "7", "o+w", "a+w", "go+rw", "a=rwx", "u+x,o+w", "g=w"])("%s grants write", (mode) => {
    expect(grantsSharedWrite(mode)).toBe(true);
  });
  it.each(["644", "755", "600", "0755", "4755", "+w", "u+w", "o-w", "a-w", "go=rx", "a+rX"])("%s does not", (mode) => {
    expect(grantsSharedWrite(mode)).toBe(false);
  });
});

describe("system.permissions-opened", () => {
  it.each([
    "chmod 666 /etc/passwd",
    "sudo chmod 777 /tmp",
    "chmod 777 /",
    "chmod o+w /etc/sudoers",
    "chmod -R g+w /usr/bin",
    "chmod 775 ~/.ssh",
    "chmod 777 /home/other",
    "setfacl -R -m u:app:rwx /etc",
    "setfacl --modify=o::rw /etc/shadow",
    "setfacl -M acl.txt /etc",
    "cd /etc && chmod 666 passwd",
  ])("asks for %s", (command) => {
    expect(rules(command)).toContain("system.permissions-opened");
  });

  it.each([
    "chmod 1777 /tmp",
    "chmod a+rwxt /var/tmp",
    "chmod 644 /etc/nginx/nginx.conf",
    "chmod 600 /etc/shadow",
    "chmod 777 ./build",
    "chmod -R 777 /var/www/html",
    "chmod 777 /opt/app/cache",
    "chmod 666 /tmp/x.log",
    "chmod 700 ~/.ssh",
    "chmod +w /etc/hosts",
    "chmod 777 \"$OUT\"",
    "chmod --reference=/etc/passwd /etc/group",
    "setfacl -m u:app:rx /etc/app",
    "setfacl -x u:app /etc",
  ])("leaves %s alone", (command) => {
    expect(rules(command)).not.toContain("system.permissions-opened");
  });
});
