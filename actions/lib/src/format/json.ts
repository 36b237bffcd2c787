import type { ValidationResult } from '../engine.ts';

/** Version of the JSON output; bumped only for incompatible changes (docs/cli.md documents it). */
export const JSON_FORMAT_VERSION = 1;

export function formatJson(result: ValidationResult, checkedFiles: number): string {
  const diagnostics = result.diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine ?? null,
    endColumn: d.endColumn ?? null,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    hint: d.hint ?? null,
  }));
  return (
    JSON.stringify(
      {
        version: JSON_FORMAT_VERSION,
        summary: { errors: result.errors, warnings: result.warnings, filesChecked: checkedFiles },
        diagnostics,
      },
      null,
      2,
    ) + '\n'
  );
}
