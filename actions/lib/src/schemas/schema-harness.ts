// Test harness shared by the schema tests: the schema directory loaded into one Ajv instance, YAML
// fixtures with their `# expect:` line, the error ajv reports for a document, and the suites that
// check the fixtures against the schemas.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';

// ajv-formats is CommonJS: its default import is module.exports, whose `default` is the plugin too.
const addFormats = formatsModule.default;

export type Ajv = InstanceType<typeof Ajv2020>;
export type Node = Record<string, unknown>;

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const SCHEMAS_DIR = path.join(ROOT, 'schemas');

/** The options `actions/lib/src/schema/validate.ts` builds its Ajv instance with. */
export const PRODUCTION_OPTIONS = { strict: true, allErrors: true, verbose: true, allowUnionTypes: true } as const;

/** The YAML reading Firebreak uses: YAML 1.2 core schema, duplicate keys refused. */
const YAML_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true } as const;
const MAX_ALIASES = 50;

export interface LoadedSchemas {
  ajv: Ajv;
  /** Every schema file in the directory, by file name (which is also its $id). */
  schemas: Map<string, AnySchemaObject>;
  /** The compiled schema with this $id; throws when there is none. */
  validator(id: string): ValidateFunction;
}

/**
 * Loads every `*.json` file of the schema directory into one strict Ajv instance (with ajv-formats),
 * so that references between files resolve. A file that does not parse, has no $id or cannot be
 * added fails the load: every file in the directory must be a loadable schema.
 */
export function loadSchemas(dir = SCHEMAS_DIR): LoadedSchemas {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  addFormats(ajv);
  const schemas = new Map<string, AnySchemaObject>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    let schema: AnySchemaObject;
    try {
      schema = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as AnySchemaObject;
    } catch (error) {
      throw new Error(`schemas/${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    if (typeof schema.$id !== 'string') throw new Error(`schemas/${file} has no $id`);
    ajv.addSchema(schema);
    schemas.set(file, schema);
  }
  const validator = (id: string): ValidateFunction => {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`schema ${id} is not loaded`);
    return validate;
  };
  return { ajv, schemas, validator };
}

/**
 * Compiles every given schema (keyed by $id) in one Ajv instance built as production builds it.
 * Returns one line per schema that does not compile; empty when all do.
 */
export function productionCompileProblems(schemas: Record<string, object>): string[] {
  const ajv = new Ajv2020(PRODUCTION_OPTIONS);
  addFormats(ajv);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema as AnySchemaObject);
  const problems: string[] = [];
  for (const id of Object.keys(schemas)) {
    try {
      if (!ajv.getSchema(id)) problems.push(`${id}: not found by its $id`);
    } catch (error) {
      problems.push(`${id}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The instance path and keyword of the error ajv reports for a document. */
export interface Expected {
  instancePath: string;
  keyword: string;
}

export interface Fixture {
  file: string;
  name: string;
  valid: boolean;
  documents: unknown[];
  /** For invalid fixtures: the instance path and keyword of the error ajv reports (`# expect:` line). */
  expected?: Expected;
}

export interface FixtureOptions {
  /** Whether the file is read as one YAML document (front matter) rather than a stream of documents. */
  single?: (name: string) => boolean;
}

/**
 * Reads one fixture file below `root` (`valid/` or `invalid/`). An invalid fixture holds exactly one
 * document and starts with `# expect: <instance path> <keyword>`, `""` standing for the root.
 */
export function readFixture(
  root: string,
  dir: 'valid' | 'invalid',
  name: string,
  options: FixtureOptions = {},
): Fixture {
  const file = path.join(root, dir, name);
  const text = readFileSync(file, 'utf8');
  const documents: unknown[] = [];
  const parsed = options.single?.(name) ? [parseDocument(text, YAML_OPTIONS)] : parseAllDocuments(text, YAML_OPTIONS);
  for (const doc of parsed) {
    const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
    if (problems.length > 0) throw new Error(`${dir}/${name}: YAML problems: ${problems.join('; ')}`);
    documents.push(doc.toJS({ maxAliasCount: MAX_ALIASES }));
  }
  if (documents.length === 0) throw new Error(`${dir}/${name} holds no YAML document`);
  const fixture: Fixture = { file, name, valid: dir === 'valid', documents };
  if (dir === 'invalid') {
    const first = text.split('\n', 1)[0] ?? '';
    const match = /^# expect: (""|\/\S*) ([A-Za-z]+)\s*$/.exec(first);
    if (!match)
      throw new Error(`invalid/${name} must start with "# expect: <instance path> <keyword>" (use "" for the root)`);
    fixture.expected = { instancePath: match[1] === '""' ? '' : match[1]!, keyword: match[2]! };
    if (documents.length !== 1) throw new Error(`invalid/${name} must hold exactly one document`);
  }
  return fixture;
}

/** Every `.yaml` / `.yml` fixture of `root/dir`, sorted by name. */
export function listFixtures(root: string, dir: 'valid' | 'invalid', options: FixtureOptions = {}): Fixture[] {
  return readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => readFixture(root, dir, f, options));
}

/** The valid and invalid fixtures of one schema set, from `__fixtures__/<set>/` beside this harness. */
export function fixtureSet(set: string, options: FixtureOptions = {}): { valid: Fixture[]; invalid: Fixture[] } {
  const root = fileURLToPath(new URL(`./__fixtures__/${set}/`, import.meta.url));
  return { valid: listFixtures(root, 'valid', options), invalid: listFixtures(root, 'invalid', options) };
}

/** The `kind` of a fixture document; throws unless it is one of `kinds`. */
export function kindOf<Kind extends string>(fixture: Fixture, document: unknown, kinds: readonly Kind[]): Kind {
  const kind = typeof document === 'object' && document !== null ? (document as Node).kind : undefined;
  if (typeof kind !== 'string' || !(kinds as readonly string[]).includes(kind)) {
    throw new Error(`${fixture.name}: cannot pick a schema (kind ${JSON.stringify(kind)})`);
  }
  return kind as Kind;
}

/** ajv's errors, readable in an assertion message. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return JSON.stringify(
    (errors ?? []).map((e) => ({
      instancePath: e.instancePath,
      keyword: e.keyword,
      message: e.message,
      schemaPath: e.schemaPath,
    })),
    null,
    2,
  );
}

/** Keywords whose own error only sums up the errors of their branches. */
const UMBRELLA = new Set(['anyOf', 'oneOf', 'allOf', 'if', 'propertyNames', 'contains']);

/**
 * Which of ajv's errors is the decisive one. With allErrors off ajv stops at the first failing
 * keyword; the errors it lists are that keyword's, preceded by its branches' errors when it is a
 * combinator (anyOf, oneOf, propertyNames, contains ...). The two schema sets state their fixture
 * expectations differently:
 * - `last`: the last error, which is the combinator's own error at the failing place (Firebreak);
 * - `precise`: the first error that is not a combinator's summary (OpenSLO; a `not` marks a
 *   forbidden property and counts as precise).
 */
export type DecisiveRule = 'last' | 'precise';

/** The decisive error among ajv's errors, by the given rule; undefined when there are none. */
export function decisiveError(errors: ErrorObject[] | null | undefined, rule: DecisiveRule): Expected | undefined {
  const list = errors ?? [];
  const chosen = rule === 'last' ? list[list.length - 1] : (list.find((e) => !UMBRELLA.has(e.keyword)) ?? list[0]);
  return chosen && { instancePath: chosen.instancePath, keyword: chosen.keyword };
}

/**
 * Validates a document: undefined when it is valid, else ajv's decisive error by the rule. The
 * validator's `errors` stay set for an assertion message.
 */
export function validationError(
  validate: ValidateFunction,
  document: unknown,
  rule: DecisiveRule,
): Expected | undefined {
  if (validate(document)) return undefined;
  return decisiveError(validate.errors, rule) ?? { instancePath: '', keyword: '(ajv reported no error)' };
}

/**
 * The schema-file tests of one schema set: the directory holds every file of the set, and each file
 * carries the header (draft 2020-12, $id = its file name, a title, a description), compiles in
 * strict mode and breaks none of the set's house rules (`houseRuleProblems` lists what it breaks).
 */
export function describeSchemaFiles(
  loaded: LoadedSchemas,
  files: readonly string[],
  houseRuleProblems: (id: string, schema: AnySchemaObject) => string[],
): void {
  const owned = new Map([...loaded.schemas].filter(([file]) => files.includes(file)));

  it('has every schema file', () => {
    expect([...owned.keys()].sort()).toEqual([...files].sort());
  });

  for (const id of files) {
    it(`${id} compiles in strict mode and follows the house rules`, () => {
      const schema = owned.get(id)!;
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(id);
      expect(typeof schema.title).toBe('string');
      expect(typeof schema.description).toBe('string');
      expect(() => loaded.validator(id)).not.toThrow();
      expect(houseRuleProblems(id, schema)).toEqual([]);
    });
  }
}

export interface FixtureSuiteOptions {
  validator: (id: string) => ValidateFunction;
  rule: DecisiveRule;
  /**
   * The schemas a fixture document is checked against. The first is its own schema: an invalid
   * document must fail it with the expected error. Any others (a dispatcher) must accept every valid
   * document and refuse the invalid one.
   */
  schemasFor: (fixture: Fixture, document: unknown) => string[];
}

/** The two fixture suites: valid fixtures pass, invalid fixtures fail where their `# expect:` says. */
export function describeFixtureSuites(valid: Fixture[], invalid: Fixture[], options: FixtureSuiteOptions): void {
  describe('valid fixtures pass', () => {
    for (const fixture of valid) {
      it(fixture.name, () => {
        for (const [i, document] of fixture.documents.entries()) {
          for (const id of options.schemasFor(fixture, document)) {
            const validate = options.validator(id);
            expect(
              validate(document),
              `${fixture.name} document ${i + 1} against ${id}: ${describeErrors(validate.errors)}`,
            ).toBe(true);
          }
        }
      });
    }
  });

  describe('invalid fixtures fail where they say', () => {
    for (const fixture of invalid) {
      it(`${fixture.name} (${fixture.expected!.instancePath || '""'} ${fixture.expected!.keyword})`, () => {
        const document = fixture.documents[0];
        const [id, ...others] = options.schemasFor(fixture, document);
        if (id === undefined) throw new Error(`${fixture.name}: no schema picked`);
        const validate = options.validator(id);
        expect(
          validationError(validate, document, options.rule),
          `${fixture.name} against ${id}: ${describeErrors(validate.errors)}`,
        ).toEqual(fixture.expected);
        for (const other of others)
          expect(options.validator(other)(document), `${fixture.name} should not validate against ${other}`).toBe(
            false,
          );
      });
    }
  });
}

/**
 * What a `kind` dispatcher must refuse, and where: a document of an unknown kind at /kind (enum),
 * and a document without kind at the root (required).
 */
export function describeDispatcherRefusals(
  loaded: LoadedSchemas,
  dispatcher: string,
  rule: DecisiveRule,
  documents: { unknownKind: unknown; withoutKind: unknown },
): void {
  it('refuses an unknown kind', () => {
    expect(validationError(loaded.validator(dispatcher), documents.unknownKind, rule)).toEqual({
      instancePath: '/kind',
      keyword: 'enum',
    });
  });

  it('refuses a document without kind', () => {
    expect(validationError(loaded.validator(dispatcher), documents.withoutKind, rule)).toEqual({
      instancePath: '',
      keyword: 'required',
    });
  });
}
