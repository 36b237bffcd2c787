/** The one diagnostic type that flows from every rule to every edge (text, JSON, annotations). */
export type Level = 'error' | 'warning';
export type LevelSetting = Level | 'off';

export interface Position {
  line: number; // 1-based, in the file as the user wrote it
  column: number; // 1-based
  endLine?: number;
  endColumn?: number;
}

export interface Diagnostic extends Position {
  rule: string;
  severity: Level;
  file: string; // repository-relative, forward slashes
  message: string;
  hint?: string;
}

/** What a rule reports; the engine adds the rule id and the configured level. */
export interface Finding {
  file: string;
  at?: Position;
  message: string;
  hint?: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export const START: Position = { line: 1, column: 1 };
