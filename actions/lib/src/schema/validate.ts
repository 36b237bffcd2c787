import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Finding } from '../diagnostics.ts';
import type { PathSegment, YamlDocument } from '../load/yaml.ts';
import { closest } from '../text/suggest.ts';
// Validators compiled from schemas/ at build time (scripts/compile-schemas.mjs): compiling them at
// start was a third of a second on every run.
import compiled from './compiled.cjs';

const MAX_ERRORS_PER_RECORD = 20;

function validator(schemaId: string): ValidateFunction {
  const validate = compiled.validators[schemaId];
  if (!validate) throw new Error(`No JSON Schema with $id ${schemaId}`);
  return validate;
}

export const SCHEMA_IDS = Object.keys(compiled.validators);

export function hasSchema(schemaId: string): boolean {
  return Object.hasOwn(compiled.validators, schemaId);
}

/** Validates data against a schema and turns ajv's errors into findings at the exact place in the file. */
export function validateAgainst(schemaId: string, data: unknown, doc: YamlDocument | undefined, file: string, what: string, basePath: PathSegment[] = []): Finding[] {
  const validate = validator(schemaId);
  if (validate(data)) return [];
  const errors = relevantErrors(validate.errors ?? []);
  const findings = errors.slice(0, MAX_ERRORS_PER_RECORD).map((error) => findingOf(error, doc, file, what, basePath));
  if (errors.length > MAX_ERRORS_PER_RECORD) {
    findings.push({ file, at: doc?.locate(basePath), message: `${what}: ${errors.length - MAX_ERRORS_PER_RECORD} more schema problems not shown.`, hint: 'Fix the ones above and run again.' });
  }
  return findings;
}

/** Keywords that judge a value itself: one message per value is enough (a bad timestamp fails both pattern and format). */
const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

/** Drops the umbrella errors (oneOf, anyOf, if) when a more precise error says the same thing, and repeats about one value. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const precise = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not', 'false schema'].includes(e.keyword));
  const chosen = precise.length > 0 ? precise : errors;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = VALUE_KEYWORDS.has(e.keyword) ? `${e.instancePath}|value` : `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function displayPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out || '(top level)';
}

function findingOf(error: ErrorObject, doc: YamlDocument | undefined, file: string, what: string, basePath: PathSegment[]): Finding {
  const path = [...basePath, ...pointerToPath(error.instancePath)];
  const field = displayPath(path);
  const schema = (error.parentSchema ?? {}) as { description?: string; properties?: Record<string, { description?: string }>; enum?: unknown[] };
  const written = doc?.sourceText(path);
  const value = error.data;
  const at = (p: PathSegment[], key = false) => doc?.locate(p, { key });
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const about = schema.properties?.[missing]?.description;
      return {
        file,
        at: at(path),
        message: `${what}: the required field "${displayPath([...path, missing])}" is missing.`,
        hint: `Add "${missing}:"${about ? ` (${lowerFirst(about)})` : ''}.`,
      };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(schema.properties ?? {});
      const guess = closest(extra, allowed);
      return {
        file,
        at: at([...path, extra], true),
        message: `${what}: "${displayPath([...path, extra])}" is not a known field.`,
        hint: guess ? `Did you mean "${guess}"?` : allowed.length > 0 ? `Known fields here: ${allowed.join(', ')}.` : 'Remove it.',
      };
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type;
      const expectedText = Array.isArray(expected) ? expected.join(' or ') : expected;
      const got = value === null ? 'empty (null)' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `the ${typeof value} ${JSON.stringify(value)}`;
      const retyped = expectedText.includes('string') && written !== undefined && (typeof value === 'number' || typeof value === 'boolean' || value === null);
      return {
        file,
        at: at(path),
        message: `${what}: "${field}" must be ${article(expectedText)}, but YAML reads ${written !== undefined && retyped ? `\`${written}\` as ` : ''}${got}.`,
        hint: retyped ? `Quote it so it stays exactly as written: ${String(path[path.length - 1])}: "${written}"` : schema.description ? `Expected: ${lowerFirst(schema.description)}` : undefined,
      };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      return {
        file,
        at: at(path),
        message: `${what}: "${field}" is ${JSON.stringify(value)}; expected one of ${allowed.join(', ')}.`,
        hint: guess ? `Did you mean "${guess}"?` : undefined,
      };
    }
    case 'const':
      return { file, at: at(path), message: `${what}: "${field}" must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}, not ${JSON.stringify(value)}.` };
    case 'pattern':
    case 'format':
      return {
        file,
        at: at(path),
        message: `${what}: "${field}" is ${JSON.stringify(value)}, which is not ${error.keyword === 'format' ? `a valid ${(error.params as { format: string }).format}` : 'in the expected form'}.`,
        hint: schema.description ? `Expected: ${lowerFirst(schema.description)}` : undefined,
      };
    default:
      return { file, at: at(path), message: `${what}: "${field}" ${error.message ?? 'is not valid'}.`, hint: schema.description ? `Expected: ${lowerFirst(schema.description)}` : undefined };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}
