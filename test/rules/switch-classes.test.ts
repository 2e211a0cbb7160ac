// Machine-wide switches and unpacking over home: setuid modes, tar/unzip/cp -r into home or system trees, and what is left alone.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate";
import { exampleContext } from "../../src/engine/example-context";
import { setsSetuid } from "../../src/rules/switch-classes";
import { loadBuiltinIndividually, rulesetWith } from "../helpers/rules";

const ruleset = rulesetWith(loadBuiltinIndividually().files, []);

function rules(command: string): string[] {
  return evaluate(command, ruleset, exampleContext()).findings.map((f) => f.rule);
}

describe("setuid modes", () => {
  it.each(["u+s", "+s", "a+s", "ug+s", "u=rwxs", "u+x,u+s", "4755", "04755", "6755", "7777"])("%s sets set-user-ID", (mode) => {
    expect(setsSetuid(mode)).toBe(true);
  });
  it.each(["g+s", "2775", "02755", "755", "u-s", "-s", "o+t", "1777", "u+x", "a=rX"])("%s does not", (mode) => {
    expect(setsSetuid(mode)).toBe(false);
  });
});

describe("unpacking or copying a tree over home, config or system directories", () => {
  it.each([
    "tar -xzf a.tgz -C ~",
    "tar --extract --file=a.tar --directory=/home/user",
    "cd ~ && tar xf a.tar",
    "unzip -o a.zip -d ~",
    "unzip -qo a.zip -d /home/user",
    "tar -xf etc.tar -C /etc",
    "sudo tar -xpf rootfs.tar -C /",
    "tar -xf keys.tar -C ~/.ssh",
    "cp -a skel/. ~/",
    "rsync -a dots/ ~/",
  ])("%s asks", (command) => {
    expect(rules(command)).toContain("fs.unpack-over-home");
  });

  it.each([
    "tar -xzf a.tgz",
    "tar -xzf a.tgz -C build",
    "tar -tzf a.tgz -C ~",
    "tar -czf backup.tgz -C ~ .bashrc",
    "tar -xkf a.tar -C ~",
    "tar --skip-old-files -xf a.tar -C ~",
    "tar -xzf tool.tgz -C ~/tools",
    "tar -xzf go.tgz -C /usr/local",
    "tar -xzf x.tgz -C /opt",
    "unzip a.zip -d ~",
    "unzip -l a.zip",
    "unzip -o a.zip -d /tmp/x",
    "cp report.pdf ~/",
    "cp -r dist /tmp/site",
    "rsync -a ./ host:~/",
  ])("%s does not", (command) => {
    expect(rules(command)).not.toContain("fs.unpack-over-home");
  });
});
