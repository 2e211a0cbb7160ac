// Collects the errors and deprecation notes found while reading a rule file, each with the path of the value it is about.
export type Path = (string | number)[];

export interface ValidationError {
  path: Path;
  message: string;
}

/** Globs from rule files run against command text: keep them short and simple so matching stays linear. */
export const MAX_GLOB_LENGTH = 256;
export const MAX_GLOB_STARS = 8;

export class Validator {
  readonly errors: ValidationError[] = [];
  /** Old spellings that still load, and what to write instead. */
  readonly notes: ValidationError[] = [];

  error(path: Path, message: string): undefined {
    this.errors.push({ path, message });
    return undefined;
  }

  note(path: Path, message: string): void {
    this.notes.push({ path, message });
  }

  string(value: unknown, path: Path, what: string): string | undefined {
    if (typeof value !== "string" || value.trim() === "") return this.error(path, `${what} must be a non-empty string`);
    return value;
  }

  stringList(value: unknown, path: Path, what: string): string[] | undefined {
    if (typeof value === "string" && value !== "") return [value];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
      return this.error(path, `${what} must be a string or a list of strings`);
    }
    return value as string[];
  }

  glob(value: string, path: Path): string | undefined {
    if (value.length > MAX_GLOB_LENGTH) return this.error(path, `glob is longer than ${MAX_GLOB_LENGTH} characters`);
    if ((value.match(/\*/g) ?? []).length > MAX_GLOB_STARS) return this.error(path, `glob has more than ${MAX_GLOB_STARS} stars`);
    // Extglob and brace sets can nest without bound; rule globs do not need them.
    if (/[@!+?*]\(|\{/.test(value)) return this.error(path, "glob may not use extglob `(…)` or brace `{…}` patterns");
    return value;
  }
}
