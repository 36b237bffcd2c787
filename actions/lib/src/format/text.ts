import type { ValidationResult } from '../engine.ts';

/** Human output: diagnostics grouped by file, each with its place, level, message, rule and hint. */
export function formatText(result: ValidationResult, checkedFiles: number): string {
  const out: string[] = [];
  let current = '';
  for (const d of result.diagnostics) {
    if (d.file !== current) {
      if (current) out.push('');
      out.push(printable(d.file));
      current = d.file;
    }
    out.push(
      `  ${`${d.line}:${d.column}`.padEnd(8)} ${d.severity.padEnd(7)} ${printable(d.message)}  [${printable(d.rule)}]`,
    );
    if (d.hint) out.push(`  ${' '.repeat(8)} ${' '.repeat(7)} fix: ${printable(d.hint)}`);
  }
  if (out.length) out.push('');
  const files = new Set(result.diagnostics.map((d) => d.file)).size;
  if (result.errors === 0 && result.warnings === 0) out.push(`No problems in ${plural(checkedFiles, 'file')}.`);
  else
    out.push(
      `${plural(result.errors, 'error')} and ${plural(result.warnings, 'warning')} in ${plural(files, 'file')} (${plural(checkedFiles, 'file')} checked).`,
    );
  return out.join('\n') + '\n';
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from file names and records, shown on one terminal line: control characters and bidi
 * controls are written as escapes, so no name can start a line of its own (a workflow command in
 * a CI log, say) or reorder what is shown.
 */
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu,
    (c) => ESCAPES[c] ?? `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
