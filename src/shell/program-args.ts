// Splits an invocation's arguments into options and positionals, the way its program would.
import { globMatch } from "../core/glob";
import type { Invocation, Word } from "./model";
import { scanOptions, type ScannedOption } from "./options";

/** How a program parses its options: which take a value, and whether `-abc` is a cluster. */
export interface ProgramSpec {
  valued: string[];
  singleDashLong: boolean;
  /** The pack decides every verb of this program itself (dry-run forms included): the generic destroying-verb rule stays out. */
  precise?: boolean;
}

export interface ParsedArgs {
  options: ScannedOption[];
  positionals: Word[];
  /** A dynamic word that might expand to options guard cannot see (`rm $FLAGS /`). */
  dynamicWords: boolean;
}

/** A program's option grammar: its spec, plus what conventions.ts says about prefixes and subcommands. */
export interface ArgSpec extends ProgramSpec {
  /** Unique prefixes of long options count (`rm --rec`, `git reset --har`). */
  abbreviations?: boolean;
  /** Long options known for the program besides the valued ones (every flag its rules name). */
  known?: readonly string[];
  /** Valued options of a subcommand, applied from that subcommand on (`git checkout -bNAME`). */
  subcommandValued?: Readonly<Record<string, readonly string[]>>;
  /** Valued options that end the program's own options (`python -m MODULE`): every later word is an argument. */
  lastOptions?: readonly string[];
}

const EMPTY_SPEC: ArgSpec = { valued: [], singleDashLong: false };

/**
 * `$(git rev-parse HEAD~1)`, `"$(git rev-parse --verify --short origin/main)"`: one revision's object name, printed in
 * hex, is one word that never starts with `-`, so it cannot hide an option (`git checkout $(git rev-parse HEAD~1) -- f`).
 */
const OBJECT_NAME = /^"?\$\(\s*git\s+rev-parse(?:\s+(?:--verify|-q|--quiet|--short(?:=\d+)?))*\s+[A-Za-z0-9_@^~.\/{}:][A-Za-z0-9_@^~.\/{}:-]*\s*\)"?$/;

/** A dynamic word that may expand to options guard cannot see: any but an object name from `git rev-parse`. */
function mayHideOptions(word: Word): boolean {
  return word.dynamic && word.unseen === undefined && !OBJECT_NAME.test(word.shellText ?? word.raw);
}

/** GNU-style: options may follow positionals (`rm dir -rf`, `git push origin main -f`) until `--`. */
export function parseArgs(invocation: Invocation, programSpec: ArgSpec = EMPTY_SPEC): ParsedArgs {
  const args = invocation.argv;
  let spec: ArgSpec = programSpec;
  const options: ScannedOption[] = [];
  const positionals: Word[] = [];
  let dynamicWords = false;
  let i = 1;
  while (i < args.length) {
    const word = args[i];
    // An xargs input item is a path, not a hidden option: `find … | xargs rm -f` is not `rm -rf`.
    if (mayHideOptions(word)) dynamicWords = true;
    if (!word.dynamic && word.value === "--") {
      positionals.push(...args.slice(i + 1));
      if (args.slice(i + 1).some((w) => w.dynamic)) dynamicWords = true;
      break;
    }
    if (!word.dynamic && word.value.length > 1 && word.value.startsWith("-")) {
      const scan = scanOptions(args, i, { valued: spec.valued, singleDashLong: spec.singleDashLong, abbreviations: spec.abbreviations, known: spec.known });
      if (scan.endOfOptions) {
        // `cmd -x -- -y`: after `--` every word is an argument, however it looks.
        options.push(...scan.options);
        positionals.push(...args.slice(scan.rest));
        if (args.slice(scan.rest).some((w) => w.dynamic)) dynamicWords = true;
        break;
      }
      if (scan.rest > i) {
        options.push(...scan.options);
        i = scan.rest;
        if (scan.options.some((o) => o.value !== undefined && spec.lastOptions?.includes(o.name))) {
          // The words after `-m MODULE` are the module's arguments, not options of this program.
          positionals.push(...args.slice(i));
          return { options, positionals, dynamicWords: args.slice(1, i).some((w) => w.dynamic && w.unseen === undefined) };
        }
        continue;
      }
    }
    // The first positional is the subcommand: from here on its own valued options apply.
    const sub = positionals.length === 0 && !word.dynamic ? spec.subcommandValued?.[word.value] : undefined;
    if (sub) spec = { ...spec, valued: [...spec.valued, ...sub], known: [...(spec.known ?? []), ...sub] };
    positionals.push(word);
    i++;
  }
  return { options, positionals, dynamicWords };
}

const FALSE_VALUES = new Set(["false", "0", "no", "off", "none"]);

/**
 * Whether any spelling in `group` was given (`--force=false`, `-auto-approve=false`, `--dry-run=none`
 * do not count). A spelling `NAME=GLOB` matches the option's value: `--environment=prod*` matches
 * `--environment production` and `-e=prod`.
 */
export function findOption(parsed: ParsedArgs, group: readonly string[]): ScannedOption | undefined {
  return parsed.options.find((o) => group.some((spelling) => {
    const eq = spelling.indexOf("=");
    if (eq > 0) return o.name === spelling.slice(0, eq) && o.value !== undefined && globMatch(o.value, spelling.slice(eq + 1), { nocase: true, dot: true });
    const named = o.name === spelling || (o.candidates?.includes(spelling) ?? false);
    return named && !(o.value !== undefined && o.name.length > 2 && FALSE_VALUES.has(o.value.toLowerCase()));
  }));
}

export interface OptionValue {
  value: string;
  /** The word holding the value: the next word (`-c SQL`) or the option word itself (`--command=SQL`). */
  word: Word;
  attached: boolean;
}

/** Every value given for an option (`psql -c A -c B`), with the word it came from. */
export function optionValues(parsed: ParsedArgs, invocation: Invocation, group: readonly string[]): OptionValue[] {
  return parsed.options
    .filter((o) => (group.includes(o.name) || (o.candidates?.some((c) => group.includes(c)) ?? false)) && o.value !== undefined)
    .map((o) => {
      const carrier = invocation.argv[o.index];
      const separate = carrier.value === o.name ? invocation.argv[o.index + 1] : undefined;
      return separate ? { value: o.value!, word: separate, attached: false } : { value: o.value!, word: carrier, attached: true };
    });
}
