// Client-side commands inside SQL text (psql `\x`, sqlite3/duckdb `.x`, mysql `\x`): which ones run a shell, read a file or run SQL built at run time.

/** What a client command does, in the kinds the SQL analyser reports. */
export interface ClientCommand {
  kind: "shell-escape" | "dynamic" | "include" | "drop-database" | "other";
  /** The shell command it runs (`\! rm -rf ~` → `rm -rf ~`); undefined for an interactive shell. */
  shell?: string;
  /** The file whose SQL it runs (`\i reset.sql`, `.read reset.sql`, `source reset.sql`). */
  include?: string;
}

/** Undoes psql/sqlite quoting of one argument: `'a b'` → `a b`, `"x"` → `x`. */
function unquote(arg: string): string {
  const m = /^(['"])(.*)\1$/s.exec(arg);
  return m ? m[2].replace(m[1] === "'" ? /''/g : /""/g, m[1]) : arg;
}

/** The first argument of a client command and what follows it. */
function firstArg(rest: string): { arg: string; after: string } {
  const m = /^\s*('(?:[^']|'')*'|"(?:[^"]|"")*"|\S+)(.*)$/s.exec(rest);
  return m ? { arg: unquote(m[1]), after: m[2] } : { arg: "", after: "" };
}

/** psql meta-commands: `\!`, output to a pipe, `\copy … program`, `\gexec`, `\i`. */
function psqlCommand(name: string, rest: string): ClientCommand {
  switch (name) {
    case "!":
      return { kind: "shell-escape", ...(rest.trim() ? { shell: rest.trim() } : {}) };
    case "gexec":
      // Runs every value the query returns as a statement: the SQL is built at run time.
      return { kind: "dynamic" };
    case "i":
    case "include":
    case "ir":
    case "include_relative":
      return { kind: "include", include: firstArg(rest).arg };
    case "o":
    case "out":
    case "g":
    case "gx":
    case "w":
    case "write": {
      // `\o |cmd`, `\g |cmd`, `\w |cmd`: output goes to a shell command.
      const pipe = /^\s*\|(.*)$/s.exec(rest);
      return pipe ? { kind: "shell-escape", shell: pipe[1].trim() } : { kind: "other" };
    }
    case "copy": {
      // `\copy t from program 'cmd'`: psql runs the command on the client machine.
      const m = /\bprogram\s+('(?:[^']|'')*'|"(?:[^"]|"")*"|\S+)/i.exec(rest);
      return m ? { kind: "shell-escape", shell: unquote(m[1]) } : { kind: "other" };
    }
    default:
      return { kind: "other" };
  }
}

/** sqlite3 and duckdb dot-commands: `.shell`, `.system`, `.read`, output or input through a pipe. */
function dotCommand(name: string, rest: string): ClientCommand {
  switch (name) {
    case "shell":
    case "system":
      return { kind: "shell-escape", ...(rest.trim() ? { shell: rest.trim() } : {}) };
    case "read": {
      const { arg } = firstArg(rest);
      // `.read '|cmd'` runs cmd and reads its output as SQL.
      if (arg.startsWith("|")) return { kind: "shell-escape", shell: arg.slice(1).trim() };
      return { kind: "include", include: arg };
    }
    // `.restore ?DB? FILE` replaces the whole database with a backup's content: what it held is gone, as after DROP DATABASE.
    case "restore":
      return { kind: "drop-database" };
    // `.open --new FILE` (or `-new`) deletes whatever FILE held before opening it empty.
    case "open":
      return /(?:^|\s)--?new(?:\s|$)/.test(rest) ? { kind: "drop-database" } : { kind: "other" };
    case "output":
    case "once":
    case "import":
    case "excel": {
      const { arg } = firstArg(rest.replace(/^\s*(?:-\S+\s+)*/, " "));
      return arg.startsWith("|") ? { kind: "shell-escape", shell: arg.slice(1).trim() } : { kind: "other" };
    }
    default:
      return { kind: "other" };
  }
}

/** Classifies one client command by its text (`\! ls`, `.shell ls`, `\i f.sql`). */
export function classifyClientCommand(text: string): ClientCommand {
  if (text.startsWith("\\")) {
    // `\!` is one character; other names are letters (`\gexec`, `\copy`); `\.` is mysql's source.
    if (text.startsWith("\\!")) return psqlCommand("!", text.slice(2));
    if (text.startsWith("\\.")) return { kind: "include", include: firstArg(text.slice(2)).arg };
    const m = /^\\([A-Za-z_]+)(.*)$/s.exec(text);
    return m ? psqlCommand(m[1].toLowerCase(), m[2]) : { kind: "other" };
  }
  if (text.startsWith(".")) {
    const m = /^\.([A-Za-z_]+)(.*)$/s.exec(text);
    return m ? dotCommand(m[1].toLowerCase(), m[2]) : { kind: "other" };
  }
  return { kind: "other" };
}

/** mysql's word commands, which own their line like `\!`: `system cmd`, `source file`. Undefined for SQL. */
export function mysqlWordCommand(text: string): ClientCommand | undefined {
  const m = /^(system|source)\s+(.*)$/is.exec(text);
  if (!m) return undefined;
  return m[1].toLowerCase() === "system" ? { kind: "shell-escape", shell: m[2].trim() } : { kind: "include", include: firstArg(m[2]).arg };
}
