import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCHEMAS } from '../schema/schemas.ts';
import {
  SCHEMAS_DIR,
  describeDispatcherRefusals,
  describeFixtureSuites,
  describeSchemaFiles,
  fixtureSet,
  kindOf,
  loadSchemas,
  productionCompileProblems,
} from './schema-harness.ts';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import type { Fixture, Node } from './schema-harness.ts';

const KINDS = [
  'Severities',
  'Team',
  'Service',
  'EscalationPolicy',
  'OnCallSchedule',
  'FollowUpPolicy',
  'PostmortemPolicy',
  'ErrorBudgetPolicy',
  'ContributingFactors',
  'Config',
] as const;

const kindSchema = (kind: string): string => `firebreak-v1-${kind.toLowerCase()}.schema.json`;

/** Schemas that validate one record; each needs fixtures. */
const RECORD_SCHEMAS = ['incident.schema.json', 'runbook.schema.json', ...KINDS.map(kindSchema)];
/** Every schema file this test owns (the OpenSLO schemas in the same directory are someone else's). */
const OWNED = ['common.schema.json', 'firebreak-v1.schema.json', ...RECORD_SCHEMAS];
const DISPATCHER = 'firebreak-v1.schema.json';

/**
 * The expectations here name the error at the failing place as ajv reports it last: for a
 * combinator (anyOf, oneOf, propertyNames ...) that is the combinator's own error.
 */
const RULE = 'last';

// The whole directory (OpenSLO included) loads into one Ajv instance; every file in it must load.
const loaded = loadSchemas();
const { ajv, schemas, validator } = loaded;

/** Incident and runbook fixtures are Markdown front matter: one YAML document. */
function isFrontMatterFixture(name: string): boolean {
  return name.startsWith('incident-') || name.startsWith('runbook-');
}

/** Picks the schema for a fixture document: by file-name prefix for front matter, else by `kind`. */
function schemaFor(fixture: Fixture, document: unknown): string {
  if (fixture.name.startsWith('incident-')) return 'incident.schema.json';
  if (fixture.name.startsWith('runbook-')) return 'runbook.schema.json';
  return kindSchema(kindOf(fixture, document, KINDS));
}

const { valid: validFixtures, invalid: invalidFixtures } = fixtureSet('firebreak', { single: isFrontMatterFixture });

/** Every subschema (object) in a schema, with its JSON pointer. */
function* walk(node: unknown, pointer = ''): Generator<[string, Node]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Node;
  yield [pointer, schema];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default' || key === 'required') continue;
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'dependentRequired') {
      for (const [name, sub] of Object.entries(value as Node)) yield* walk(sub, `${pointer}/${key}/${name}`);
    } else {
      yield* walk(value, `${pointer}/${key}`);
    }
  }
}

describe('the schema directory as production loads it', () => {
  it('schema/schemas.ts lists every file in schemas/', () => {
    const files = readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.json'));
    expect(Object.keys(SCHEMAS).sort()).toEqual(files.sort());
  });

  it('every schema compiles with the production Ajv options (allErrors, verbose, allowUnionTypes)', () => {
    expect(productionCompileProblems(SCHEMAS)).toEqual([]);
  });
});

/** What a schema breaks of the house rules; empty when it follows them all. */
function houseRuleProblems(id: string, schema: AnySchemaObject): string[] {
  const problems: string[] = [];
  for (const [at, node] of walk(schema)) {
    const where = `${id}#${at}`;
    if ('pattern' in node && typeof node.maxLength !== 'number') problems.push(`${where}: pattern without maxLength`);
    if (node.type === 'string' && typeof node.maxLength !== 'number' && !('enum' in node) && !('const' in node)) {
      problems.push(`${where}: string without maxLength`);
    }
    if (node.type === 'array' && typeof node.maxItems !== 'number') problems.push(`${where}: array without maxItems`);
    if (node.type === 'object' && 'properties' in node && node.additionalProperties !== false) {
      problems.push(`${where}: object with properties but additionalProperties is not false`);
    }
    if (
      node.type === 'object' &&
      !('properties' in node) &&
      node.additionalProperties !== undefined &&
      typeof node.maxProperties !== 'number'
    ) {
      problems.push(`${where}: map without maxProperties`);
    }
    // Object schemas describe every property (editors show it). Untyped subschemas such as
    // if-conditions and oneOf branches only test or mark properties declared elsewhere.
    if (node.type === 'object' && node.properties && typeof node.properties === 'object') {
      for (const [name, sub] of Object.entries(node.properties as Node)) {
        if (typeof (sub as Node).description !== 'string') problems.push(`${where}/properties/${name}: no description`);
      }
    }
    for (const ref of [node.$ref].filter((r): r is string => typeof r === 'string')) {
      const target = ref.split('#')[0]!;
      if (target !== '' && !OWNED.includes(target)) problems.push(`${where}: $ref ${ref} leaves the firebreak schemas`);
    }
  }
  return problems;
}

describe('firebreak schemas', () => {
  describeSchemaFiles(loaded, OWNED, houseRuleProblems);

  it('has at least one valid and two invalid fixtures for each record schema', () => {
    const count = new Map(RECORD_SCHEMAS.map((id) => [id, { valid: 0, invalid: 0 }]));
    for (const fixture of [...validFixtures, ...invalidFixtures]) {
      for (const document of fixture.documents)
        count.get(schemaFor(fixture, document))![fixture.valid ? 'valid' : 'invalid']++;
    }
    const missing = [...count]
      .filter(([, c]) => c.valid < 1 || c.invalid < 2)
      .map(([id, c]) => `${id}: ${c.valid} valid, ${c.invalid} invalid`);
    expect(missing).toEqual([]);
  });

  describeFixtureSuites(validFixtures, invalidFixtures, {
    validator,
    rule: RULE,
    // Every firebreak/v1 record also goes through the dispatcher; front matter has no dispatcher.
    schemasFor: (fixture, document) => {
      const id = schemaFor(fixture, document);
      return id.startsWith('firebreak-v1-') ? [id, DISPATCHER] : [id];
    },
  });

  describe('the firebreak/v1 dispatcher', () => {
    describeDispatcherRefusals(loaded, DISPATCHER, RULE, {
      unknownKind: { apiVersion: 'firebreak/v1', kind: 'Teem', metadata: { name: 'payments' }, spec: {} },
      withoutKind: { apiVersion: 'firebreak/v1', metadata: { name: 'payments' }, spec: {} },
    });

    it('applies the schema of the kind', () => {
      const validate = validator(DISPATCHER);
      const team = {
        apiVersion: 'firebreak/v1',
        kind: 'Team',
        metadata: { name: 'payments' },
        spec: { members: [{ handle: 'alice' }] },
      };
      expect(validate(team)).toBe(false);
      expect(validate.errors?.some((e) => e.instancePath === '/spec/members/0/handle' && e.keyword === 'pattern')).toBe(
        true,
      );
    });

    it('dispatches every kind', () => {
      const schema = schemas.get(DISPATCHER)!;
      const refs = (schema.allOf as Node[]).map((branch) => (branch.then as Node).$ref);
      expect(refs.sort()).toEqual(KINDS.map(kindSchema).sort());
    });
  });

  describe('common definitions', () => {
    const cases: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
      handle: {
        valid: ['@alice', '@Alice-Ops', '@acme/payments', '@acme/sre_team', '@platform', `@${'a'.repeat(63)}`],
        invalid: ['alice', '@', '@-alice', '@alice/', '@ali ce', `@${'A'.repeat(41)}`, 42],
      },
      personHandle: {
        valid: ['@alice', '@a', `@${'a'.repeat(39)}`],
        invalid: ['alice', '@acme/payments', `@${'a'.repeat(40)}`, '@al_ice'],
      },
      teamSlug: { valid: ['@acme/payments', '@acme/sre_team'], invalid: ['@payments', 'acme/payments', '@acme/'] },
      name: {
        valid: ['a', 'settings-api', 'sev0', 'a'.repeat(63)],
        invalid: ['', 'Settings', '-api', 'api-', 'a_b', 'a'.repeat(64), 1],
      },
      incidentId: {
        valid: ['INC-2026-042', 'INC-2026-1', 'INC-2026-123456'],
        invalid: ['INC-26-1', 'inc-2026-1', 'INC-2026-', 'INC-2026-1234567', 42],
      },
      duration: {
        valid: ['0m', '30s', '5m', '1h30m', '7d', '2w', '1w2d3h4m5s'],
        invalid: ['', '5', 'm', '5 m', '1.5h', '5min', '1M', '-5m', 300],
      },
      date: {
        valid: ['2026-11-07', '2024-02-29'],
        invalid: ['2026-11-7', '2026-13-01', '2026-02-30', '2023-02-29', '07/11/2026', '2026-11-07T00:00:00Z'],
      },
      timestamp: {
        valid: ['2026-11-03T09:12:00+01:00', '2026-11-03T08:12:00Z', '2026-11-03T08:12:00.123-05:30'],
        invalid: [
          '2026-11-03T09:12:00',
          '2026-11-03 09:12:00+01:00',
          '2026-11-03T09:12+01:00',
          '2026-11-03T09:12:00+0100',
          '2026-11-03',
          '2026-02-30T09:12:00Z',
          '2026-11-03t09:12:00z',
        ],
      },
      severityId: { valid: ['SEV0', 'sev-1', 'P1'], invalid: ['0', 'SEV 1', '', 'S'.repeat(33), 0] },
      timeOfDay: { valid: ['00:00', '09:00', '23:59', '24:00'], invalid: ['9:00', '24:01', '12:60', '0900', 540] },
      timezone: {
        valid: ['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1', 'America/Port-au-Prince'],
        invalid: ['', 'Europe/', '/Paris', 'Europe Paris', '+01:00'],
      },
      relativePath: {
        valid: ['incidents', 'docs/runbooks', 'a/b.c/d_e'],
        invalid: ['/incidents', '../incidents', 'a/../b', 'a/./b', 'a\\b', '.'],
      },
      roleName: { valid: ['commander', 'sme', 'incident_lead'], invalid: ['Commander', '1st', 'sme!'] },
      tag: { valid: ['database', 'eu', 'EU', 'k8s.io'], invalid: ['', '-eu', 'a b', '#eu'] },
      line: { valid: ['Settings page slow'], invalid: ['', 'two\nlines', 'x'.repeat(257)] },
    };
    for (const [def, { valid, invalid }] of Object.entries(cases)) {
      it(def, () => {
        const validate = ajv.compile({ $ref: `common.schema.json#/$defs/${def}` });
        for (const value of valid) expect(validate(value), `${def} should accept ${JSON.stringify(value)}`).toBe(true);
        for (const value of invalid)
          expect(validate(value), `${def} should refuse ${JSON.stringify(value)}`).toBe(false);
      });
    }

    it('metadata', () => {
      const validate = ajv.compile({ $ref: 'common.schema.json#/$defs/metadata' });
      expect(
        validate({
          name: 'payments',
          displayName: 'Payments',
          labels: { 'example.com/area': 'commerce', tier: '1' },
          annotations: { note: 'free text, any length' },
        }),
      ).toBe(true);
      expect(validate({ displayName: 'Payments' })).toBe(false);
      expect(validate({ name: 'payments', owner: 'x' })).toBe(false);
      expect(validate({ name: 'payments', labels: { tier: 1 } })).toBe(false);
      expect(validate({ name: 'payments', labels: { 'bad key': 'x' } })).toBe(false);
    });
  });
});
