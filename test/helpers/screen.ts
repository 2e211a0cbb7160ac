// A small terminal screen for PTY tests: replays output bytes (text, CR/LF, cursor moves, erases) into the lines a person would see.
// Enough of VT100/ANSI for what prompts and guard write; colours and modes are ignored.

export function screenText(output: string, columns = 80): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const line = () => (lines[row] ??= []);
  const put = (ch: string) => {
    if (col >= columns) {
      row++;
      col = 0;
    }
    const l = line();
    while (l.length < col) l.push(" ");
    l[col++] = ch;
  };
  for (let i = 0; i < output.length; i++) {
    const ch = output[i];
    if (ch === "\x1b") {
      const next = output[i + 1];
      if (next === "7") { saved = { row, col }; i++; continue; }
      if (next === "8") { ({ row, col } = saved); i++; continue; }
      if (next !== "[") { i++; continue; }
      const m = /^\x1b\[([?]?)([\d;]*)([A-Za-z])/.exec(output.slice(i));
      if (!m) continue;
      i += m[0].length - 1;
      const n = Number(m[2].split(";")[0] || "1");
      switch (m[3]) {
        case "A": row = Math.max(0, row - n); break;
        case "B": row += n; break;
        case "C": col += n; break;
        case "D": col = Math.max(0, col - n); break;
        case "G": col = n - 1; break;
        case "K": {
          const l = line();
          if (m[2] === "2") l.length = 0;
          else if (m[2] === "1") for (let k = 0; k <= col && k < l.length; k++) l[k] = " ";
          else l.length = Math.min(l.length, col);
          break;
        }
        case "J": lines.length = row + 1; line().length = Math.min(line().length, col); break;
        case "s": saved = { row, col }; break;
        case "u": ({ row, col } = saved); break;
        default: break; // colours (m), modes (h/l): nothing on the screen moves
      }
      continue;
    }
    if (ch === "\r") col = 0;
    else if (ch === "\n") { row++; col = 0; }
    else if (ch === "\b") col = Math.max(0, col - 1);
    else if (ch >= " ") put(ch);
  }
  return Array.from({ length: lines.length }, (_, k) => (lines[k] ?? []).join("").trimEnd());
}
