import { describe, expect, it } from 'vitest';
import {
  describeErrors,
  describeDispatcherRefusals,
  describeFixtureSuites,
  describeSchemaFiles,
  fixtureSet,
  kindOf,
  loadSchemas,
  validationError,
} from './schema-harness.ts';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import type { Node } from './schema-harness.ts';

const KINDS = [
  'SLO',
  'SLI',
  'Service',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
] as const;

const kindSchema = (kind: string): string => `openslo-v1-${kind.toLowerCase()}.schema.json`;
const DISPATCHER = 'openslo-v1.schema.json';
/** Every schema file this test owns; the shared OpenSLO definitions live in the dispatcher's $defs. */
const OWNED = [DISPATCHER, ...KINDS.map(kindSchema)];

/**
 * The expectations here name the precise error: the first one ajv lists that is not a combinator's
 * summary (anyOf, oneOf, if, propertyNames ...).
 */
const RULE = 'precise';

// The whole directory (Firebreak included) loads into one Ajv instance; every file in it must load.
const loaded = loadSchemas();
const { ajv, schemas, validator } = loaded;

const { valid: validFixtures, invalid: invalidFixtures } = fixtureSet('openslo');

/** Keywords whose subschemas only test or constrain data that a shape elsewhere describes. */
const CONSTRAINT_KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'not',
  'anyOf',
  'oneOf',
  'allOf',
  'contains',
  'dependentSchemas',
  'propertyNames',
]);

/**
 * Every subschema (object) in a schema, with its JSON pointer and whether it is a shape (describes
 * data, so editors show it) or a constraint (a branch of if/then/else, not, anyOf ... that tests or
 * marks properties a shape declares).
 */
function* walk(node: unknown, pointer = '', constraint = false): Generator<[string, Node, boolean]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${pointer}/${i}`, constraint);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Node;
  yield [pointer, schema, constraint];
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' || key === 'const' || key === 'examples' || key === 'default' || key === 'required') continue;
    const inner = constraint || CONSTRAINT_KEYWORDS.has(key);
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'dependentSchemas') {
      for (const [name, sub] of Object.entries(value as Node))
        yield* walk(sub, `${pointer}/${key}/${name}`, key === '$defs' ? false : inner);
    } else {
      yield* walk(value, `${pointer}/${key}`, inner);
    }
  }
}

function hasType(node: Node, type: string): boolean {
  return node.type === type || (Array.isArray(node.type) && node.type.includes(type));
}

/** What a schema breaks of the house rules; empty when it follows them all. */
function houseRuleProblems(id: string, schema: AnySchemaObject): string[] {
  const problems: string[] = [];
  for (const [at, node, constraint] of walk(schema)) {
    const where = `${id}#${at}`;
    if ('pattern' in node && typeof node.maxLength !== 'number') problems.push(`${where}: pattern without maxLength`);
    for (const ref of [node.$ref].filter((r): r is string => typeof r === 'string')) {
      const target = ref.split('#')[0]!;
      if (target !== '' && !OWNED.includes(target))
        problems.push(`${where}: $ref ${ref} is not a bare file name of an OpenSLO schema`);
    }
    if (constraint) continue;
    if (hasType(node, 'string') && typeof node.maxLength !== 'number' && !('enum' in node) && !('const' in node)) {
      problems.push(`${where}: string without maxLength`);
    }
    if (hasType(node, 'array') && typeof node.maxItems !== 'number') problems.push(`${where}: array without maxItems`);
    if (hasType(node, 'object') && 'properties' in node && node.additionalProperties !== false) {
      problems.push(`${where}: object with properties but additionalProperties is not false`);
    }
    if (
      hasType(node, 'object') &&
      !('properties' in node) &&
      node.additionalProperties !== undefined &&
      typeof node.maxProperties !== 'number'
    ) {
      problems.push(`${where}: map without maxProperties`);
    }
    if (hasType(node, 'object') && node.properties && typeof node.properties === 'object') {
      for (const [name, sub] of Object.entries(node.properties as Node)) {
        if (typeof (sub as Node).description !== 'string') problems.push(`${where}/properties/${name}: no description`);
      }
    }
  }
  return problems;
}

describe('OpenSLO v1 schemas', () => {
  describeSchemaFiles(loaded, OWNED, houseRuleProblems);

  it('has enough fixtures: 8 valid and 8 invalid files, multi-document ones, and every kind', () => {
    expect(validFixtures.length).toBeGreaterThanOrEqual(8);
    expect(invalidFixtures.length).toBeGreaterThanOrEqual(8);
    expect(validFixtures.filter((f) => f.documents.length > 1).length).toBeGreaterThanOrEqual(2);
    const validKinds = new Set(validFixtures.flatMap((f) => f.documents.map((d) => kindOf(f, d, KINDS))));
    const invalidKinds = new Set(invalidFixtures.flatMap((f) => f.documents.map((d) => kindOf(f, d, KINDS))));
    expect([...validKinds].sort()).toEqual([...KINDS].sort());
    for (const kind of ['SLO', 'SLI', 'AlertPolicy', 'AlertCondition', 'DataSource', 'Service'] as const)
      expect(invalidKinds).toContain(kind);
  });

  it('valid fixtures cover the three budgeting methods, both window kinds and the SLI forms', () => {
    const slos = validFixtures.flatMap((f) => f.documents).filter((d): d is Node => (d as Node).kind === 'SLO');
    const specs = slos.map((d) => d.spec as Node);
    expect(new Set(specs.map((s) => s.budgetingMethod))).toEqual(
      new Set(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    );
    const windows = specs.flatMap((s) => (s.timeWindow as Node[] | undefined) ?? []);
    expect(windows.some((w) => w.isRolling === true)).toBe(true);
    expect(windows.some((w) => w.calendar !== undefined)).toBe(true);
    expect(specs.some((s) => typeof s.indicatorRef === 'string')).toBe(true);
    expect(specs.some((s) => (s.objectives as Node[]).some((o) => o.compositeWeight !== undefined))).toBe(true);
    const text = validFixtures.map((f) => JSON.stringify(f.documents)).join('\n');
    for (const form of [
      '"good":',
      '"bad":',
      '"raw":',
      '"thresholdMetric":',
      '"targetPercent":',
      '"conditionRef":',
      '"targetRef":',
      '"alertPolicyRef":',
    ]) {
      expect(text, `no valid fixture uses ${form}`).toContain(form);
    }
  });

  describeFixtureSuites(validFixtures, invalidFixtures, {
    validator,
    rule: RULE,
    schemasFor: (fixture, document) => [kindSchema(kindOf(fixture, document, KINDS)), DISPATCHER],
  });

  describe('the openslo/v1 dispatcher', () => {
    describeDispatcherRefusals(loaded, DISPATCHER, RULE, {
      unknownKind: { apiVersion: 'openslo/v1', kind: 'Slo', metadata: { name: 'checkout' }, spec: {} },
      withoutKind: { apiVersion: 'openslo/v1', metadata: { name: 'checkout' }, spec: {} },
    });

    it('applies the schema of the kind', () => {
      const sli = {
        apiVersion: 'openslo/v1',
        kind: 'SLI',
        metadata: { name: 'latency' },
        spec: { thresholdMetric: { metricSource: { type: 'Prometheus', spec: {} } } },
      };
      expect(validationError(validator(DISPATCHER), sli, RULE)).toEqual({
        instancePath: '/spec/thresholdMetric/metricSource/spec',
        keyword: 'minProperties',
      });
    });

    it('dispatches every kind', () => {
      const schema = schemas.get(DISPATCHER)!;
      const branches = schema.allOf as Node[];
      const pairs = branches.map((branch) => [
        (((branch.if as Node).properties as Node).kind as Node).const,
        (branch.then as Node).$ref,
      ]);
      expect(pairs).toEqual(KINDS.map((kind) => [kind, kindSchema(kind)]));
      expect(((schema.properties as Node).kind as Node).enum).toEqual([...KINDS]);
    });
  });

  describe('shared definitions', () => {
    const def = (ref: string) => ajv.compile({ $ref: ref });
    const cases: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
      'openslo-v1.schema.json#/$defs/name': {
        valid: ['a', 'checkout-availability', 'sev0', 'a'.repeat(63)],
        invalid: ['', 'Checkout', '-api', 'api-', 'a_b', 'a.b', 'a'.repeat(64), 1],
      },
      'openslo-v1.schema.json#/$defs/durationShorthand': {
        valid: ['1m', '5m', '12h', '28d', '4w', '1M', '1Q', '1Y', '365d'],
        invalid: ['', '0m', '05m', 'm', '5', '5 m', '1.5h', '1h30m', '30s', '5min', '-5m', '30days', 5],
      },
      'openslo-v1.schema.json#/$defs/durationShorthandOrZero': {
        valid: ['0m', '0d', '5m'],
        invalid: ['', '00m', '-1m', '0'],
      },
      'openslo-v1.schema.json#/$defs/operator': { valid: ['lte', 'gte', 'lt', 'gt'], invalid: ['le', '<=', 'LT', ''] },
      'openslo-v1.schema.json#/$defs/labels': {
        valid: [{}, { team: 'payments', tags: ['auth', 'eu'], userImpacting: 'true', 'cost_centre.1': 'x' }],
        invalid: [
          { team: 1 },
          { team: true },
          { team: [1] },
          { 'bad key': 'x' },
          { '-team': 'x' },
          { ['k'.repeat(64)]: 'x' },
        ],
      },
      'openslo-v1.schema.json#/$defs/annotations': {
        valid: [
          {
            'openslo.com/key1': 'value1',
            'fooimplementation.com/key2': 'value2',
            'nobl9.com/spec.indicator.metricSource.project': 'p',
            plain: 'x',
          },
        ],
        invalid: [
          { 'Example.com/key': 'x' },
          { 'example.com/': 'x' },
          { '/key': 'x' },
          { 'example..com/key': 'x' },
          { key: 1 },
          { [`${'a'.repeat(254)}/key`]: 'x' },
        ],
      },
      'openslo-v1-slo.schema.json#/$defs/calendar': {
        valid: [
          { startTime: '2020-01-21 12:30:00', timeZone: 'America/New_York' },
          { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
          { startTime: '2026-01-01 00:00:00', timeZone: 'America/Argentina/Buenos_Aires' },
        ],
        invalid: [
          { startTime: '2026-01-01T00:00:00Z', timeZone: 'UTC' },
          { startTime: '2026-01-01', timeZone: 'UTC' },
          { startTime: '2026-13-01 00:00:00', timeZone: 'UTC' },
          { startTime: '2026-01-01 24:00:00', timeZone: 'UTC' },
          { startTime: '2026-01-01 00:00:00', timeZone: '+01:00' },
          { startTime: '2026-01-01 00:00:00', timeZone: 'Europe Paris' },
          { startTime: '2026-01-01 00:00:00' },
        ],
      },
      'openslo-v1-slo.schema.json#/$defs/timeWindow': {
        valid: [
          { duration: '28d', isRolling: true },
          { duration: '1M', calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' } },
          { duration: '1M', isRolling: false, calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' } },
        ],
        invalid: [
          { duration: '28d' },
          { duration: '28d', isRolling: false },
          { duration: '28d', isRolling: true, calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' } },
          { isRolling: true },
          { duration: '28d', isRolling: 'true' },
        ],
      },
      'openslo-v1-slo.schema.json#/$defs/objective': {
        valid: [
          { target: 0 },
          { target: 0.9999 },
          { targetPercent: 99.99 },
          { target: 0.99, timeSliceTarget: 1, timeSliceWindow: 5 },
          { target: 0.99, timeSliceWindow: '1m' },
          { target: 0.99, op: 'gt', value: 0 },
        ],
        invalid: [
          {},
          { target: 1 },
          { target: -0.1 },
          { targetPercent: 100 },
          { target: 0.9, targetPercent: 90 },
          { target: 0.9, timeSliceTarget: 0 },
          { target: 0.9, timeSliceWindow: 0 },
          { target: 0.9, timeSliceWindow: '1 minute' },
          { target: 0.9, compositeWeight: 0 },
          { target: '0.9' },
          { target: 0.9, indicatorRef: 'a', indicator: { metadata: { name: 'b' }, spec: { ratioMetric: {} } } },
        ],
      },
      'openslo-v1-sli.schema.json#/$defs/ratioMetric': {
        valid: [
          {
            counter: true,
            good: { metricSource: { type: 'P', spec: { q: 1 } } },
            total: { metricSource: { type: 'P', spec: { q: 1 } } },
          },
          {
            bad: { metricSource: { type: 'P', spec: { q: 1 } } },
            total: { metricSource: { type: 'P', spec: { q: 1 } } },
          },
          { rawType: 'success', raw: { metricSource: { type: 'P', spec: { q: 1 } } } },
        ],
        invalid: [
          {},
          { good: { metricSource: { type: 'P', spec: { q: 1 } } } },
          { total: { metricSource: { type: 'P', spec: { q: 1 } } } },
          {
            rawType: 'success',
            raw: { metricSource: { type: 'P', spec: { q: 1 } } },
            total: { metricSource: { type: 'P', spec: { q: 1 } } },
          },
          {
            rawType: 'success',
            good: { metricSource: { type: 'P', spec: { q: 1 } } },
            total: { metricSource: { type: 'P', spec: { q: 1 } } },
          },
          { rawType: 'ratio', raw: { metricSource: { type: 'P', spec: { q: 1 } } } },
          {
            counter: 'yes',
            good: { metricSource: { type: 'P', spec: { q: 1 } } },
            total: { metricSource: { type: 'P', spec: { q: 1 } } },
          },
        ],
      },
      'openslo-v1-sli.schema.json#/$defs/metricSource': {
        valid: [
          { type: 'Prometheus', spec: { query: 'up' } },
          { metricSourceRef: 'prom', spec: { query: 'up' } },
          { metricSourceRef: 'prom', type: 'Prometheus', spec: { nested: { list: [1, 'a', { b: null }] } } },
        ],
        invalid: [
          { spec: { query: 'up' } },
          { type: 'Prometheus' },
          { type: 'Prometheus', spec: {} },
          { type: 'Prometheus', spec: 'up' },
          { metricSourceRef: 'Prom', spec: { q: 1 } },
          { type: 'P', spec: { q: 1 }, query: 'up' },
        ],
      },
      'openslo-v1-slo.schema.json#/$defs/alertPolicy': {
        valid: [
          'checkout-fast-burn',
          { alertPolicyRef: 'checkout-fast-burn' },
          {
            kind: 'AlertPolicy',
            metadata: { name: 'p' },
            spec: { conditions: [{ conditionRef: 'c' }], notificationTargets: [{ targetRef: 't' }] },
          },
        ],
        invalid: [
          'CheckoutFastBurn',
          { alertPolicyRef: 'checkout-fast-burn', kind: 'AlertPolicy' },
          {
            kind: 'AlertCondition',
            metadata: { name: 'p' },
            spec: { conditions: [{ conditionRef: 'c' }], notificationTargets: [{ targetRef: 't' }] },
          },
          {
            apiVersion: 'openslo/v1',
            kind: 'AlertPolicy',
            metadata: { name: 'p' },
            spec: { conditions: [{ conditionRef: 'c' }], notificationTargets: [{ targetRef: 't' }] },
          },
          3,
        ],
      },
      'openslo-v1-alertpolicy.schema.json#/$defs/spec': {
        valid: [
          {
            conditions: [{ conditionRef: 'c' }],
            notificationTargets: [
              { targetRef: 't' },
              { kind: 'AlertNotificationTarget', metadata: { name: 'm' }, spec: { target: 'email' } },
            ],
          },
        ],
        invalid: [
          { conditions: [], notificationTargets: [{ targetRef: 't' }] },
          { conditions: [{ conditionRef: 'c' }], notificationTargets: [] },
          { conditions: [{ conditionRef: 'c' }] },
          { conditions: [{ conditionRef: 'c' }], notificationTargets: [{ targetRef: 't' }], alertWhenBreaching: 'yes' },
        ],
      },
      'openslo-v1-alertcondition.schema.json#/$defs/condition': {
        valid: [
          { op: 'gt', threshold: 2, lookbackWindow: '1h' },
          { kind: 'burnrate', op: 'gte', threshold: 14.4, lookbackWindow: '1h', alertAfter: '0m' },
        ],
        invalid: [
          { kind: 'errorrate', op: 'gt', threshold: 2, lookbackWindow: '1h' },
          { op: 'gt', lookbackWindow: '1h' },
          { op: 'gt', threshold: 2 },
          { op: 'gt', threshold: '2', lookbackWindow: '1h' },
          { op: 'gt', threshold: 2, lookbackWindow: '0m' },
          { op: 'gt', threshold: 2, lookbackWindow: '1h', alertAfter: '5 minutes' },
        ],
      },
    };
    for (const [ref, { valid, invalid }] of Object.entries(cases)) {
      it(ref.replace(/^.*#\/\$defs\//, ''), () => {
        const validate = def(ref);
        for (const value of valid)
          expect(
            validate(value),
            `${ref} should accept ${JSON.stringify(value)}: ${describeErrors(validate.errors)}`,
          ).toBe(true);
        for (const value of invalid)
          expect(validate(value), `${ref} should refuse ${JSON.stringify(value)}`).toBe(false);
      });
    }

    it('a Service spec may be empty or left out; other kinds need one', () => {
      const service = validator(kindSchema('Service'));
      expect(service({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' } })).toBe(true);
      expect(service({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: null })).toBe(
        true,
      );
      expect(
        service({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: { owner: 'x' } }),
      ).toBe(false);
      for (const kind of KINDS.filter((k) => k !== 'Service')) {
        expect(validator(kindSchema(kind))({ apiVersion: 'openslo/v1', kind, metadata: { name: 'x' } }), kind).toBe(
          false,
        );
      }
    });

    it('metadata', () => {
      const validate = def('openslo-v1.schema.json#/$defs/metadata');
      expect(
        validate({
          name: 'checkout',
          displayName: 'Checkout',
          labels: { team: ['a', 'b'] },
          annotations: { 'example.com/x': 'y' },
        }),
      ).toBe(true);
      expect(validate({ displayName: 'Checkout' })).toBe(false);
      expect(validate({ name: 'checkout', project: 'default' })).toBe(false);
      expect(validate({ name: 'checkout', displayName: 'x'.repeat(64) })).toBe(false);
    });
  });
});
