// Types for records.mjs, which floor-yaml.ts (TypeScript) shares with the other benchmark scripts.
export function recordFiles(root: string, only?: string[]): string[];
export function rootFromArgs(argv?: string[]): string;
