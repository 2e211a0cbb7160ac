// bash's own argument syntax, shared by the `bash -c` unwrapper and the `guard shell` stand-in.

export interface BashArgs {
  /** `-c` was given: the string is at `operand` (absent: bash errors). */
  command: boolean;
  interactive: boolean;
  /** `-s`, or no operand: the script comes from stdin. */
  readsStdin: boolean;
  /** Index of the first operand (the -c string or the script file), or args.length. */
  operand: number;
  /** `-n` / `-o noexec`: bash reads the script and checks its syntax, but runs nothing (unless interactive). */
  noexec: boolean;
}

/**
 * Options first — clustered `-lc`/`-ilc`, `-c -l`, `+o NAME`/`-o NAME`, `-O`/`+O NAME`, long options
 * with `--rcfile F`/`--init-file F` — then the operand. `values[i]` undefined marks a word whose
 * value is only known at run time: option scanning stops there.
 */
export function parseBashArgs(values: (string | undefined)[], start = 0): BashArgs {
  let command = false;
  let interactive = false;
  let readsStdin = false;
  let noexec = false;
  let i = start;
  for (; i < values.length; i++) {
    const text = values[i];
    if (text === undefined) break;
    if (text === "--" || text === "-") {
      i++;
      break;
    }
    if (text.startsWith("--")) {
      if (text === "--rcfile" || text === "--init-file") i++;
      continue;
    }
    if ((text[0] === "-" || text[0] === "+") && text.length > 1) {
      const on = text[0] === "-";
      for (const flag of text.slice(1)) {
        if (flag === "c") command = true;
        else if (flag === "i") interactive = true;
        else if (flag === "s") readsStdin = true;
        else if (flag === "n") noexec = on;
        else if (flag === "o" || flag === "O") {
          if (flag === "o" && values[i + 1] === "noexec") noexec = on;
          i++; // `-o pipefail`: the next word is the option's name
        }
      }
      continue;
    }
    break;
  }
  return { command, interactive, readsStdin: !command && (readsStdin || i >= values.length), operand: Math.min(i, values.length), noexec: noexec && !interactive };
}
