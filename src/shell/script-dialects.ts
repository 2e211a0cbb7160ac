// Command languages of programs that run shell commands from their scripts (ed, gdb, CMake, Tcl/Expect, vim's ex): one reader each.
import type { CodeAction } from "./interpreter-code";
import { edActions } from "./code-ed";
import { gdbActions } from "./code-gdb";
import { cmakeActions } from "./code-cmake";
import { tclActions } from "./code-tcl";
import { vimCommands } from "./embedded-code";

export type ScriptDialect = "ed" | "gdb" | "cmake" | "tcl" | "vim";

const READERS: Record<ScriptDialect, (text: string) => CodeAction[]> = {
  ed: edActions,
  gdb: gdbActions,
  cmake: cmakeActions,
  tcl: (text) => tclActions(text),
  vim: vimScriptActions,
};

export function isScriptDialect(language: string): language is ScriptDialect {
  return Object.prototype.hasOwnProperty.call(READERS, language);
}

export function dialectActions(dialect: ScriptDialect, text: string): CodeAction[] {
  return READERS[dialect](text);
}

/** An ex script (`vim -es < x.vim`, `vim -S x.vim`): each line is an ex command. */
function vimScriptActions(text: string): CodeAction[] {
  return text.split("\n").slice(0, 20_000).flatMap((line) => vimCommands(line).map((f): CodeAction => (f.kind === "shell" ? { kind: "shell", text: f.text, call: "vim !" } : { kind: "unknown", call: `vim ${f.detail}` })));
}
