/** Bounds that keep one hostile file from stalling or crashing a run over thousands. */
export const LIMITS = {
  /** Largest file read, in bytes. Real postmortems are 4 to 30 KB. */
  maxFileBytes: 1024 * 1024,
  /** Deepest YAML nesting accepted (block indentation levels or flow brackets). */
  maxYamlDepth: 64,
  /** Aliases per YAML document; a handful is plenty for real records. */
  maxAliasCount: 50,
  /** YAML documents in one record file. */
  maxDocumentsPerFile: 500,
  /** Diagnostics one rule may report for one file, so one broken file cannot flood the output. */
  maxFindingsPerRuleAndFile: 50,
  /** Deepest record data anything walks: YAML depth, with room for what aliases repeat inside it. */
  maxDataDepth: 256,
} as const;

/** True when `value` is a tree (no object contains itself) no deeper than LIMITS.maxDataDepth. */
export function isBoundedTree(value: unknown): boolean {
  const ancestors = new Set<object>();
  const check = (v: unknown, depth: number): boolean => {
    if (typeof v !== 'object' || v === null) return true;
    if (depth > LIMITS.maxDataDepth || ancestors.has(v)) return false;
    ancestors.add(v);
    const ok = (Array.isArray(v) ? v : Object.values(v)).every((child) => check(child, depth + 1));
    ancestors.delete(v);
    return ok;
  };
  return check(value, 0);
}
