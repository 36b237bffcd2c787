// The review artifact crosses from an untrusted run (a fork's pull request) to a privileged one.
// It is read as data only: bounded in size, parsed as JSON, and checked against a closed schema
// with bounded strings and arrays before anything uses it.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REVIEW_LIMITS, REVIEW_VERSION, type ReviewData } from './review.ts';

export const MAX_ARTIFACT_BYTES = 1024 * 1024;

const text = (maxLength = REVIEW_LIMITS.text) => ({ type: 'string', maxLength });
const count = { type: 'integer', minimum: 0, maximum: 1_000_000 };
const line = { type: 'integer', minimum: 1, maximum: 10_000_000 };
const nullableNumber = { type: ['number', 'null'] };
const closed = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

const REVIEW_SCHEMA = closed({
  version: { const: REVIEW_VERSION },
  pullRequest: { type: 'integer', minimum: 1, maximum: 100_000_000 },
  headSha: { type: 'string', pattern: '^[0-9a-f]{40}$', maxLength: 40 },
  summary: closed({ files: count, errors: count, warnings: count }),
  diagnostics: {
    type: 'array',
    maxItems: REVIEW_LIMITS.diagnostics,
    items: closed(
      {
        rule: text(64),
        severity: { enum: ['error', 'warning'] },
        file: text(1000),
        line,
        column: line,
        message: text(),
        hint: text(),
      },
      ['rule', 'severity', 'file', 'line', 'column', 'message'],
    ),
  },
  incidents: {
    type: 'array',
    maxItems: REVIEW_LIMITS.incidents,
    items: closed({
      file: text(1000),
      id: text(64),
      title: text(),
      severity: text(64),
      status: text(64),
      postmortem: text(64),
      services: { type: 'array', maxItems: 20, items: text(200) },
      impact: text(),
      commander: text(200),
      timestamps: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'].map((k) => [k, text(64)]),
        ),
      },
      durations: {
        type: 'array',
        maxItems: 4,
        items: closed({
          measure: { enum: ['detect', 'acknowledge', 'mitigate', 'resolve'] },
          minutes: nullableNumber,
          targetMinutes: nullableNumber,
        }),
      },
      missing: { type: 'array', maxItems: 10, items: text(64) },
      slos: {
        type: 'array',
        maxItems: 20,
        items: closed({
          slo: text(200),
          unit: { enum: ['minutes', 'events'] },
          consumed: { type: 'number' },
          consumedPercent: nullableNumber,
          remainingPercent: nullableNumber,
          status: { type: ['string', 'null'], maxLength: 64 },
        }),
      },
      actionItems: {
        type: 'array',
        maxItems: REVIEW_LIMITS.items,
        items: closed({
          line,
          id: text(),
          action: text(),
          owner: text(),
          due: text(),
          priority: text(),
          status: text(),
          problems: { type: 'array', maxItems: 20, items: text() },
        }),
      },
      timeline: { type: 'array', maxItems: REVIEW_LIMITS.timeline, items: closed({ time: text(), event: text() }) },
      blameless: { type: 'array', maxItems: 50, items: closed({ line, message: text(), hint: text() }) },
    }),
  },
});

let validator: ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

export type ArtifactResult = { ok: true; data: ReviewData } | { ok: false; problem: string };

/** Reads an untrusted review artifact; never throws. */
export function readReviewArtifact(bytes: Uint8Array): ArtifactResult {
  if (bytes.length > MAX_ARTIFACT_BYTES)
    return {
      ok: false,
      problem: `the results file is ${bytes.length} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit`,
    };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, problem: `the results file is not UTF-8 JSON (${(error as Error).message.slice(0, 200)})` };
  }
  validator ??= new Ajv2020({ strict: true, allErrors: false, allowUnionTypes: true }).compile(REVIEW_SCHEMA);
  if (!validator(data)) {
    const first = validator.errors?.[0];
    return {
      ok: false,
      problem:
        `the results file does not match the review format: ${first?.instancePath || '(root)'} ${first?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, data: data as ReviewData };
}
