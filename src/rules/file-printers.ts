// Programs that print the files they are handed: the one list the rules about reading credential files share.

/**
 * Text filters, pagers, viewers, diff tools, encoders and editors' print modes (`perl -pe1 F`, `ed -s F <<< ,p`): handed a
 * file that holds credentials, they put its secrets in the output, and from there in the conversation. The rule files
 * name the same list as the `file-printers` set (rules/credentials.yaml; a test keeps the two equal). Interpreters
 * whose code opens a file are judged as the `cat` it amounts to (shell/interpreter-code.ts), so they need no entry.
 */
export const FILE_PRINTERS: ReadonlySet<string> = new Set([
  "cat", "less", "more", "most", "pg", "head", "tail", "bat", "batcat", "nl", "tac", "strings", "xxd", "od", "hexdump", "hd", "hexyl", "base64",
  "base32", "basenc", "uuencode", "grep", "egrep", "fgrep", "rg", "ag", "ack", "ugrep", "zgrep", "zcat", "zless", "zmore", "awk", "gawk", "mawk",
  "nawk", "sed", "jq", "yq", "gron", "xq", "fx", "jless", "cut", "sort", "uniq", "fold", "fmt", "column", "iconv", "paste", "join", "comm",
  "expand", "unexpand", "rev", "pr", "shuf", "look", "diff", "diff3", "sdiff", "colordiff", "icdiff", "delta", "difft", "glow", "mdcat",
  "vim", "vi", "nvim", "view", "ed", "ex", "red", "nano", "micro", "emacs", "code", "perl",
]);
