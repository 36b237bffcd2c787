import type { ValidationResult } from '../engine.ts';

/** Workflow-command escaping: the message part and the property part escape different characters. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: the runner turns each line into an annotation on that line of the file. */
export function formatGithub(result: ValidationResult): string {
  const lines = result.diagnostics.map((d) => {
    const props = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`];
    if (d.endLine !== undefined && d.endLine === d.line && d.endColumn !== undefined)
      props.push(`endColumn=${d.endColumn}`);
    props.push(`title=${escapeProperty(`firebreak ${d.rule}`)}`);
    const message = d.hint ? `${d.message}\nFix: ${d.hint}` : d.message;
    return `::${d.severity} ${props.join(',')}::${escapeData(message)}`;
  });
  lines.push(`firebreak: ${result.errors} error(s), ${result.warnings} warning(s)`);
  return lines.join('\n') + '\n';
}
