// The reliability report as JSON: the report's own numbers, rounded once here at the edge to 12
// significant digits, so that floating-point noise (484.00000000000006 hours) does not reach
// dashboards and diffs. The metrics layer keeps full precision.

/** A number rounded to 12 significant digits; integers and non-numbers unchanged. */
export function roundForOutput(value: number): number {
  return Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value;
}

export function formatReportJson(report: unknown): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' ? roundForOutput(value) : value), 2)}\n`;
}
