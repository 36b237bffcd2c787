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
} as const;
