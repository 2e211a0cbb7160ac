// What `printf FORMAT ARGS…` and `echo` print, computed the way bash's builtins do, so the text piped to a shell is the text checked.

/** Output past this many characters is cut: what follows is not checked, and the caller treats the text as partial. */
export const MAX_PRINTF_OUTPUT = 1_048_576;

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", e: "\x1b", E: "\x1b", "\\": "\\", '"': '"', "'": "'" };

/**
 * Backslash escapes of a printf format (`octalDigits` 3) or a `%b` argument / `echo -e` (`\0NNN`, 4 with the 0).
 * Returns the text and whether `\c` asked to stop all output.
 */
export function applyEscapes(text: string, mode: "format" | "b"): { text: string; stop: boolean } {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === "c" && mode === "b") {
      return { text: out, stop: true };
    } else if (/[0-7]/.test(next)) {
      // format: \NNN; %b: \0NNN (and \NNN)
      const max = mode === "b" && next === "0" ? 4 : 3;
      const m = new RegExp(`^[0-7]{1,${max}}`).exec(text.slice(i + 1))!;
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length;
    } else if (next === "x" && /[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 2))!;
      out += String.fromCharCode(parseInt(m[0], 16));
      i += 1 + m[0].length;
    } else if ((next === "u" || next === "U") && /[0-9a-fA-F]/.test(text[i + 2] ?? "")) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${next === "u" ? 4 : 8}}`).exec(text.slice(i + 2))!;
      const code = parseInt(m[0], 16);
      out += code <= 0x10ffff ? String.fromCodePoint(code) : "";
      i += 1 + m[0].length;
    } else {
      out += ch; // an unknown escape stays as written
    }
  }
  return { text: out, stop: false };
}

function numberArg(arg: string | undefined): string {
  if (arg === undefined || arg === "") return "0";
  if (/^['"]/.test(arg)) return String(arg.codePointAt(1) ?? 0); // 'c: the character's code
  const n = Number.parseInt(arg, /^0x/i.test(arg) ? 16 : /^0[0-7]/.test(arg) ? 8 : 10);
  return Number.isNaN(n) ? "0" : String(n);
}

/** `%q`: bash's shell-quoted form; what a shell reading it gets back is the argument itself. */
function shellQuote(arg: string): string {
  return arg === "" ? "''" : /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * bash's printf: escapes in the format, conversions consuming arguments, and the format reused while
 * arguments remain. Width and precision are honoured for strings (`%.2s` prints two characters).
 */
export function printfOutput(format: string, args: readonly string[]): string {
  let out = "";
  let next = 0;
  const spec = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/g;
  for (let round = 0; round === 0 || (next < args.length && next > 0); round++) {
    const consumedBefore = next;
    let last = 0;
    let m: RegExpExecArray | null;
    spec.lastIndex = 0;
    while ((m = spec.exec(format))) {
      const literal = applyEscapes(format.slice(last, m.index), "format");
      out += literal.text;
      last = spec.lastIndex;
      const [, flags, widthSpec, precisionSpec, conversion] = m;
      if (conversion === "%") {
        out += "%";
        continue;
      }
      const width = widthSpec === "*" ? Number(args[next++] ?? 0) : Number(widthSpec ?? 0);
      const precision = precisionSpec === undefined ? undefined : precisionSpec === "*" ? Number(args[next++] ?? 0) : Number(precisionSpec || 0);
      const arg = args[next++];
      let piece: string;
      let stop = false;
      switch (conversion) {
        case "s":
          piece = arg ?? "";
          break;
        case "b": {
          const r = applyEscapes(arg ?? "", "b");
          piece = r.text;
          stop = r.stop;
          break;
        }
        case "q":
        case "Q":
          piece = shellQuote(arg ?? "");
          break;
        case "c":
          piece = (arg ?? "").slice(0, 1);
          break;
        case "d":
        case "i":
        case "u":
          piece = numberArg(arg);
          break;
        case "x":
        case "X":
        case "o": {
          const n = Number(numberArg(arg));
          piece = n.toString(conversion === "o" ? 8 : 16);
          if (conversion === "X") piece = piece.toUpperCase();
          break;
        }
        default:
          piece = arg ?? ""; // floats and the rest: the argument is at least what a reader sees
      }
      if (precision !== undefined && "sbqQ".includes(conversion)) piece = piece.slice(0, precision);
      if (piece.length < width) piece = flags.includes("-") ? piece.padEnd(width) : piece.padStart(width);
      out += piece;
      if (stop || out.length > MAX_PRINTF_OUTPUT) return out.slice(0, MAX_PRINTF_OUTPUT);
    }
    out += applyEscapes(format.slice(last), "format").text;
    if (next === consumedBefore) break; // a format without conversions prints once
    if (out.length > MAX_PRINTF_OUTPUT) return out.slice(0, MAX_PRINTF_OUTPUT);
  }
  return out;
}

/** `echo [-neE] ARGS…`: arguments joined by spaces; escapes are applied (as `echo -e` and dash's echo do), a newline unless -n. */
export function echoOutput(args: readonly string[]): string {
  let values = [...args];
  let newline = true;
  while (values[0] && /^-[neE]+$/.test(values[0])) {
    if (values[0].includes("n")) newline = false;
    values = values.slice(1);
  }
  // bash's echo only applies escapes with -e; dash's always does. Applying them covers both readings
  // of a pipe into `sh`: expansion only ever adds separators to check.
  const r = applyEscapes(values.join(" "), "b");
  return r.text + (newline && !r.stop ? "\n" : "");
}
