// What a piece of interpreter code does, read once per process for each language and text: the reading is a pure function of the two.
import { analyzeCode, type CodeAction, type Language } from "./interpreter-code";
import { foreignCodeActions, isForeignLanguage, type ForeignLanguage } from "./foreign-code";
import { dialectActions, isScriptDialect, type ScriptDialect } from "./script-dialects";

/**
 * analyzeCode and foreignCodeActions read nothing but their arguments (home stays the symbol `~`, no variable of the
 * environment is looked up), so their answer for a text never goes stale. The file a command runs is still read
 * from disk on every check: only what its current text does is looked up here. A batch meets the same project
 * scripts on many lines (every `npm test` runs `node scripts/build.mjs`), and reading code costs far more than a lookup.
 * Bounded: past these totals the cache starts over.
 */
const MAX_ENTRIES = 4096;
const MAX_CHARS = 8 * 1024 * 1024;

const cache = new Map<string, readonly CodeAction[]>();
let chars = 0;

/** Shared answers are frozen: a caller that changed one by mistake throws (an internal error, which asks) instead of changing later checks. */
function frozen(actions: CodeAction[]): readonly CodeAction[] {
  for (const action of actions) {
    if (action.kind === "argv") {
      Object.freeze(action.argv);
      if (action.dynamic) Object.freeze(action.dynamic);
      if (action.globs) Object.freeze(action.globs);
    }
    Object.freeze(action);
  }
  return Object.freeze(actions);
}

/**
 * The actions of `text` in `language`; callers must not change the list or its items (it is shared). `args`: the
 * script arguments the code reads (`sys.argv[1]` → `DELETE`), part of the key since they change what the code does.
 */
export function codeActions(language: Language | ForeignLanguage | ScriptDialect, text: string, args?: ReadonlyMap<string, string>): readonly CodeAction[] {
  const key = `${language}\0${text}${args ? `\0${JSON.stringify([...args])}` : ""}`;
  let actions = cache.get(key);
  if (!actions) {
    actions = frozen(isForeignLanguage(language) ? foreignCodeActions(language, text) : isScriptDialect(language) ? dialectActions(language, text) : analyzeCode(language, text, 0, args));
    if (cache.size >= MAX_ENTRIES || chars + key.length > MAX_CHARS) {
      cache.clear();
      chars = 0;
    }
    if (key.length <= MAX_CHARS) {
      cache.set(key, actions);
      chars += key.length;
    }
  }
  return actions;
}
