// curl config files (-K, ~/.curlrc) and wgetrc (.wgetrc, --config, -e) turned into the command-line options they stand for.

/** One double-quoted curl config value: `"a \"b\""` with \\ \" \t \n \r \v escapes. */
function quotedValue(text: string): string {
  let out = "";
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') break;
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[++i];
      out += next === "t" ? "\t" : next === "n" ? "\n" : next === "r" ? "\r" : next === "v" ? "\v" : next;
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * The options of a curl config file, as argv words: `url = "https://x"` → `--url https://x`,
 * `-X DELETE` → `-X DELETE`, `request: DELETE` → `--request DELETE`. Comments and blank lines are skipped.
 */
export function curlConfigArgs(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n|\r/).slice(0, 10_000)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^(-{1,2}[A-Za-z0-9][A-Za-z0-9-]*|[A-Za-z0-9][A-Za-z0-9-]*)\s*(?:[=:]\s*|\s+|$)(.*)$/s.exec(line);
    if (!m) continue;
    const name = m[1].startsWith("-") ? m[1] : `--${m[1]}`;
    const rest = m[2].trim();
    out.push(name);
    if (rest) out.push(rest.startsWith('"') ? quotedValue(rest) : rest.split(/\s/)[0]);
  }
  return out;
}

/** wgetrc commands that change the request, and the wget options they stand for. */
const WGETRC: Record<string, string> = {
  method: "--method",
  header: "--header",
  bodydata: "--body-data",
  bodyfile: "--body-file",
  postdata: "--post-data",
  postfile: "--post-file",
  user: "--user",
  httpuser: "--user",
  password: "--password",
  httppassword: "--password",
};

/** The request-changing commands of a wgetrc file (or of `-e CMD`), as wget options. */
export function wgetrcArgs(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n|\r/).slice(0, 10_000)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^([A-Za-z_-]+)\s*=\s*(.*)$/s.exec(line);
    if (!m) continue;
    // wget ignores case, `_` and `-` in command names: body_data, bodyData and body-data are one command.
    const option = WGETRC[m[1].toLowerCase().replace(/[-_]/g, "")];
    if (option) out.push(`${option}=${m[2].trim()}`);
  }
  return out;
}
