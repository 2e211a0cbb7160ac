// Ansible modules and playbook tasks as the commands they amount to on the hosts.
import { describe, expect, it } from "vitest";
import { moduleCommands, playbookCommands } from "../../src/shell/ansible";

describe("ansible modules", () => {
  it.each([
    ["ansible.builtin.shell", { _raw: "rm -rf /srv/app" }, ["rm -rf /srv/app"]],
    ["command", { cmd: "ls", chdir: "/srv" }, ["cd '/srv' && ls"]],
    ["file", { path: "/var/lib/mysql", state: "absent" }, ["rm -rf -- '/var/lib/mysql'"]],
    ["file", { path: "{{ data_dir }}", state: "absent" }, ['rm -rf -- "${ANSIBLE_data_dir}"']],
    ["apt", { name: ["nginx", "redis"], state: "absent" }, ["apt-get remove -y 'nginx' 'redis'"]],
    ["service", { name: "sshd", state: "stopped" }, ["systemctl stop 'sshd'"]],
    ["user", { name: "bob", state: "absent", remove: "yes" }, ["userdel -r 'bob'"]],
    ["community.postgresql.postgresql_db", { name: "shop", state: "absent" }, ["dropdb 'shop'"]],
    ["reboot", {}, ["reboot"]],
  ])("%s %j", (module, args, expected) => {
    expect(moduleCommands(module, args)).toEqual(expected);
  });

  it("changes nothing guard judges for everyday modules and states", () => {
    for (const [m, a] of [["copy", { src: "a", dest: "/etc/a" }], ["apt", { name: "nginx", state: "present" }], ["ping", {}], ["service", { name: "nginx", state: "restarted" }]] as const) {
      expect(moduleCommands(m, a)).toBeUndefined();
    }
  });

  it("is unknown for a destroying state it has no command for", () => {
    expect(moduleCommands("docker_volume", { name: "pgdata", state: "absent" })).toBeNull();
    expect(moduleCommands("file", { state: "absent" })).toBeNull();
  });
});

describe("playbooks", () => {
  it("collects tasks from plays, blocks and handlers, and names what it does not read", () => {
    const book = [
      "- hosts: db",
      "  roles: [common]",
      "  tasks:",
      "    - block:",
      "        - shell: pg_ctl stop",
      "      rescue:",
      "        - file: path=/tmp/x state=absent",
      "    - include_tasks: more.yml",
      "  handlers:",
      "    - name: restart",
      "      ansible.builtin.command: systemctl restart postgresql",
    ].join("\n");
    expect(playbookCommands(book)).toEqual({
      commands: ["pg_ctl stop", "rm -rf -- '/tmp/x'", "systemctl restart postgresql"],
      unknown: ["roles common", "include_tasks more.yml"],
    });
  });

  it("names a file that is not YAML", () => {
    expect(playbookCommands("- hosts: [").unknown).toHaveLength(1);
  });
});
