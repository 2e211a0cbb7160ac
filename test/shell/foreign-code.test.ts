// Go, JVM, R, Rust, Lua and Julia code: the deletes, writes and processes it spells out, and what stays unknown.
import { describe, expect, it } from "vitest";
import { foreignCodeActions, type ForeignLanguage } from "../../src/shell/foreign-code";
import type { CodeAction } from "../../src/shell/interpreter-code";

const read = (lang: ForeignLanguage, code: string) =>
  foreignCodeActions(lang, code).map((a: CodeAction) => (a.kind === "argv" ? a.argv.join(" ") : a.kind === "shell" ? `sh: ${a.text}` : `? ${a.call}`));

describe("foreign code", () => {
  it.each<[ForeignLanguage, string, string]>([
    ["go", 'os.RemoveAll(os.Getenv("HOME"))', "rm -rf -- ~"],
    ["go", 'h, _ := os.UserHomeDir()\nos.RemoveAll(filepath.Join(h, ".ssh"))', "rm -rf -- ~/.ssh"],
    ["go", 'exec.Command("git", "push", "-f", "origin", "main").Run()', "git push -f origin main"],
    ["go", 'os.WriteFile(os.Getenv("HOME") + "/.bashrc", b, 0644)', "tee -- ~/.bashrc"],
    ["jvm", 'new ProcessBuilder("rm", "-rf", System.getProperty("user.home")).start()', "rm -rf ~"],
    ["jvm", 'ProcessBuilder(listOf("rm", "-rf", "/")).start()', "rm -rf /"],
    ["jvm", 'FileUtils.deleteDirectory(new File(System.getProperty("user.home"), ".aws"))', "rm -rf -- ~/.aws"],
    ["jvm", 'File(System.getProperty("user.home")).deleteRecursively()', "rm -rf -- ~"],
    ["jvm", 'Runtime.getRuntime().exec("rm -rf /srv")', "rm -rf /srv"],
    ["r", 'unlink("~", recursive = TRUE)', "rm -rf -- ~"],
    ["r", 'unlink(file.path(Sys.getenv("HOME"), ".ssh"), recursive = T)', "rm -rf -- ~/.ssh"],
    ["r", 'system2("rm", c("-rf", "/"))', "rm -rf /"],
    ["r", 'system("rm -rf ~")', "sh: rm -rf ~"],
    ["rust", 'std::fs::remove_dir_all(std::env::var("HOME").unwrap())', "rm -rf -- ~"],
    ["rust", 'Command::new("rm").arg("-rf").args(["/etc"]).status()', "rm -rf /etc"],
    ["lua", 'os.remove(os.getenv("HOME") .. "/.ssh/id_ed25519")', "rm -f -- ~/.ssh/id_ed25519"],
    ["lua", 'local p = "data/app.db"; os.remove(p)', "rm -f -- data/app.db"],
    ["lua", 'io.popen("rm -rf /srv")', "sh: rm -rf /srv"],
    ["julia", 'rm("data", recursive=true)', "rm -rf -- data"],
    ["julia", 'rm(joinpath(homedir(), ".aws"); recursive=true, force=true)', "rm -rf -- ~/.aws"],
    ["julia", 'rm("notes.txt")', "rm -f -- notes.txt"],
    ["julia", 'write(homedir() * "/.bashrc", "x")', "tee -- ~/.bashrc"],
    ["julia", "run(`rm -rf /etc`)", "rm -rf /etc"],
  ])("%s: %s", (lang, code, expected) => {
    expect(read(lang, code)).toContain(expected);
  });

  it.each<[ForeignLanguage, string]>([
    ["go", "exec.Command(os.Args[1]).Run()"],
    ["jvm", "new ProcessBuilder(args).start()"],
    ["r", "unlink(dir, recursive = TRUE)"],
    ["r", "system(cmd)"],
  ])("%s: %s is unknown", (lang, code) => {
    expect(read(lang, code).some((a) => a.startsWith("?"))).toBe(true);
  });

  it.each<[ForeignLanguage, string]>([
    ["go", 'fmt.Println("rm -rf /")'],
    ["jvm", 'System.out.println("hello")'],
    ["r", 'unlink("tmp.csv")'],
    ["r", "print(summary(cars))"],
    ["rust", 'println!("{}", 1)'],
  ])("%s: %s does nothing guard checks", (lang, code) => {
    expect(read(lang, code).filter((a) => a.startsWith("?") || a.startsWith("rm -rf"))).toEqual([]);
  });
});
