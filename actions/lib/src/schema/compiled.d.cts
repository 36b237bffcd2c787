// Types for compiled.cjs, which scripts/compile-schemas.mjs generates.
import type { ValidateFunction } from 'ajv';

/** One validation function per JSON Schema in schemas/, keyed by its $id. */
export declare const validators: Record<string, ValidateFunction>;
