// GitHub's own REST description (npm @octokit/openapi) as a contract for the local test server:
// route lookup by method + path, and ajv validation of path/query parameters, JSON request bodies
// and JSON response bodies. Test infrastructure only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const SPEC_ID = 'https://firebreak.invalid/github-openapi.json';
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

export interface Operation {
  method: string;
  /** The path template as GitHub's description spells it, e.g. /repos/{owner}/{repo}/issues. */
  route: string;
  operationId: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema?: JsonObject };
  responses: Record<string, JsonObject | undefined>;
}

interface RouteEntry {
  route: string;
  segments: string[];
  operations: Map<string, JsonObject>;
}

export interface ContractProblem {
  where: 'path' | 'query' | 'body' | 'response';
  message: string;
}

export interface Contract {
  /** Finds the operation for a concrete path; undefined when GitHub has no such route. */
  match(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | undefined;
  checkRequest(
    operation: Operation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
    hasBody: boolean,
  ): ContractProblem[];
  checkResponse(operation: Operation, status: number, body: unknown): ContractProblem[];
}

let contractPromise: Promise<Contract> | undefined;

/** Loads and prepares the 13 MB description once per process. */
export function loadContract(): Promise<Contract> {
  contractPromise ??= buildContract();
  return contractPromise;
}

async function buildContract(): Promise<Contract> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as JsonObject;
  const components = toJsonSchema(doc.components) as JsonObject;
  const paths = doc.paths as Record<string, JsonObject>;

  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'double', 'float', 'binary', 'byte', 'repo.nwo', 'timestamp']) {
    ajv.addFormat(format, true);
  }
  ajv.addSchema({ $id: SPEC_ID, components } as object);

  const routes: RouteEntry[] = [];
  for (const [route, item] of Object.entries(paths)) {
    const operations = new Map<string, JsonObject>();
    for (const method of METHODS) {
      const op = item[method];
      if (op && typeof op === 'object' && !Array.isArray(op)) operations.set(method.toUpperCase(), op);
    }
    routes.push({ route, segments: route.split('/').slice(1), operations });
  }

  const resolve = (value: Json | undefined): Json | undefined => {
    let current = value;
    for (let i = 0; i < 10 && current && typeof current === 'object' && !Array.isArray(current); i++) {
      const ref = current.$ref;
      if (typeof ref !== 'string' || !ref.startsWith('#/components/')) break;
      const [, kind, name] = ref.slice(2).split('/');
      const group = doc.components && (doc.components as JsonObject)[kind ?? ''];
      current = group && typeof group === 'object' && !Array.isArray(group) ? group[name ?? ''] : undefined;
    }
    return current;
  };

  // Parameters GitHub marks `x-multi-segment` (contents {path}, git {ref}, {branch}, ...) may hold
  // slashes. Octokit sends them as %2F (e.g. /contents/incidents%2F2026%2Fa.md, /git/ref/heads%2Ffirebreak%2Fx),
  // other clients and GitHub's own links send literal slashes; both must reach the same operation.
  const multiCache = new Map<string, Set<string>>();
  const multiSegmentParams = (entry: RouteEntry, method: string, raw: JsonObject): Set<string> => {
    const key = `${method} ${entry.route}`;
    let names = multiCache.get(key);
    if (!names) {
      names = new Set();
      for (const p of (raw.parameters as Json[] | undefined) ?? []) {
        const param = resolve(p) as JsonObject | undefined;
        if (param?.in === 'path' && param['x-multi-segment'] === true && typeof param.name === 'string')
          names.add(param.name);
      }
      multiCache.set(key, names);
    }
    return names;
  };

  const operationCache = new Map<string, Operation>();
  const operationFor = (entry: RouteEntry, method: string, raw: JsonObject): Operation => {
    const key = `${method} ${entry.route}`;
    const cached = operationCache.get(key);
    if (cached) return cached;
    const parameters = ((raw.parameters as Json[] | undefined) ?? [])
      .map((p) => resolve(p) as unknown as Parameter)
      .map((p) => ({ ...p, schema: p.schema ? (toJsonSchema(p.schema) as JsonObject) : undefined }));
    const rb = resolve(raw.requestBody) as JsonObject | undefined;
    const rbSchema = jsonContent(rb);
    const responses: Record<string, JsonObject | undefined> = {};
    for (const [status, response] of Object.entries((raw.responses as JsonObject | undefined) ?? {})) {
      const schema = jsonContent(resolve(response) as JsonObject | undefined);
      responses[status] = schema ? (toJsonSchema(schema) as JsonObject) : undefined;
    }
    const operation: Operation = {
      method,
      route: entry.route,
      operationId: String(raw.operationId),
      parameters,
      requestBody: rb
        ? { required: rb.required === true, schema: rbSchema ? (toJsonSchema(rbSchema) as JsonObject) : undefined }
        : undefined,
      responses,
    };
    operationCache.set(key, operation);
    return operation;
  };

  const validators = new Map<string, ValidateFunction>();
  const validate = (key: string, schema: JsonObject, data: unknown): ErrorObject[] => {
    let fn = validators.get(key);
    if (!fn) {
      fn = ajv.compile(schema as object);
      validators.set(key, fn);
    }
    return fn(data) ? [] : (fn.errors ?? []);
  };

  return {
    match(method, pathname) {
      const M = method.toUpperCase();
      const raw = pathname.split('/').slice(1);
      let best: { entry: RouteEntry; op: JsonObject; score: string; values: string[] } | undefined;
      for (const entry of routes) {
        const op = entry.operations.get(M);
        if (!op || entry.segments.length > raw.length) continue;
        const multi = multiSegmentParams(entry, M, op);
        if (entry.segments.length < raw.length && multi.size === 0) continue;
        const values = bindSegments(entry.segments, raw, multi);
        if (!values) continue;
        // Exact segment counts beat a parameter spanning segments; then literal segments beat
        // parameters, leftmost first (issues/comments beats issues/{n}).
        const score =
          (entry.segments.length === raw.length ? '1' : '0') +
          entry.segments.map((t) => (isTemplate(t) ? '0' : '1')).join('');
        if (!best || score > best.score) best = { entry, op, score, values };
      }
      if (!best) return undefined;
      const params: Record<string, string> = {};
      best.entry.segments.forEach((template, i) => {
        if (isTemplate(template)) params[template.slice(1, -1)] = best.values[i] ?? '';
      });
      return { operation: operationFor(best.entry, M, best.op), params };
    },

    checkRequest(operation, pathParams, query, body, hasBody) {
      const problems: ContractProblem[] = [];
      const known = new Set<string>();
      for (const p of operation.parameters) {
        if (p.in !== 'path' && p.in !== 'query') continue;
        const raw = p.in === 'path' ? pathParams[p.name] : (query.getAll(p.name).at(-1) ?? undefined);
        if (p.in === 'query') known.add(p.name);
        if (raw === undefined) {
          if (p.required) problems.push({ where: p.in, message: `required ${p.in} parameter "${p.name}" is missing` });
          continue;
        }
        if (!p.schema) continue;
        const value = coerce(raw, p.schema);
        const errors = validate(`${operation.method} ${operation.route} param ${p.name}`, p.schema, value);
        for (const e of errors) {
          problems.push({
            where: p.in,
            message: `${p.in} parameter "${p.name}"=${JSON.stringify(raw)} ${e.message ?? 'is invalid'}`,
          });
        }
      }
      for (const name of new Set(query.keys())) {
        if (!known.has(name))
          problems.push({
            where: 'query',
            message: `query parameter "${name}" is not documented for ${operation.operationId}`,
          });
      }
      if (operation.requestBody) {
        if (!hasBody) {
          if (operation.requestBody.required)
            problems.push({ where: 'body', message: 'a JSON request body is required' });
        } else if (operation.requestBody.schema) {
          const errors = validate(`${operation.method} ${operation.route} body`, operation.requestBody.schema, body);
          problems.push(...errors.map((e) => ({ where: 'body' as const, message: describe('body', e) })));
        }
      } else if (hasBody && !['GET', 'HEAD', 'DELETE'].includes(operation.method)) {
        problems.push({ where: 'body', message: `${operation.operationId} takes no request body` });
      }
      return problems;
    },

    checkResponse(operation, status, body) {
      const key = String(status);
      if (!(key in operation.responses) && !('default' in operation.responses)) {
        // GitHub documents error statuses unevenly; errors must at least look like basic-error.
        if (status >= 400) {
          const schema = { $ref: `${SPEC_ID}#/components/schemas/basic-error` };
          return validate('basic-error', schema, body).map((e) => ({
            where: 'response' as const,
            message: describe(`${status} body`, e),
          }));
        }
        return [{ where: 'response', message: `status ${status} is not documented for ${operation.operationId}` }];
      }
      const schema = operation.responses[key] ?? operation.responses.default;
      if (!schema) {
        return body === undefined
          ? []
          : [{ where: 'response', message: `status ${status} of ${operation.operationId} documents no JSON body` }];
      }
      const errors = validate(`${operation.method} ${operation.route} response ${key}`, schema, body);
      return errors.slice(0, 20).map((e) => ({ where: 'response' as const, message: describe(`${status} body`, e) }));
    },
  };
}

function isTemplate(segment: string): boolean {
  return segment.startsWith('{') && segment.endsWith('}');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed %-escape: compared as sent
  }
}

/**
 * Binds raw path segments to a route template: literal segments must match (after decoding),
 * ordinary parameters take one non-empty segment, multi-segment parameters one or more (joined with
 * "/"). Returns the decoded value for each template segment, or undefined when it does not fit.
 */
function bindSegments(template: string[], raw: string[], multi: Set<string>): string[] | undefined {
  const values: string[] = [];
  const go = (ti: number, si: number): boolean => {
    if (ti === template.length) return si === raw.length;
    if (si >= raw.length) return false;
    const t = template[ti] ?? '';
    if (!isTemplate(t)) {
      if (decodeSegment(raw[si] ?? '') !== t) return false;
      values[ti] = t;
      return go(ti + 1, si + 1);
    }
    const maxSpan = multi.has(t.slice(1, -1)) ? raw.length - si - (template.length - ti - 1) : 1;
    for (let span = 1; span <= maxSpan; span++) {
      const parts = raw.slice(si, si + span);
      if (parts.some((part) => !part)) return false;
      values[ti] = parts.map(decodeSegment).join('/');
      if (go(ti + 1, si + span)) return true;
    }
    return false;
  };
  return go(0, 0) ? values : undefined;
}

function describe(what: string, e: ErrorObject): string {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
      : '';
  return `${what}${e.instancePath || ''} ${e.message ?? 'is invalid'}${extra}`;
}

function jsonContent(holder: JsonObject | undefined): JsonObject | undefined {
  const content = holder?.content as JsonObject | undefined;
  const json = (content?.['application/json'] ?? content?.['application/scim+json']) as JsonObject | undefined;
  return json?.schema as JsonObject | undefined;
}

function coerce(raw: string, schema: JsonObject): unknown {
  const type = schema.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw.split(',');
  return raw;
}

/**
 * OpenAPI 3.0 schema -> JSON Schema ajv understands: `nullable: true` becomes a union with null
 * (ajv refuses `nullable` without `type`), and `#/components/...` refs point into the document
 * registered under SPEC_ID so schemas can be compiled on their own. `oneOf` is read as `anyOf`:
 * GitHub's alternatives overlap (the 409 of PUT /contents is basic-error or
 * repository-rule-violation-error, neither with a required field; validation-error's `value` is
 * string, integer or array, each nullable), so GitHub's own responses match several of them.
 */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'schemas',
  'parameters',
  'responses',
  'headers',
  'requestBodies',
  'definitions',
]);

function toJsonSchema(value: Json | undefined, isNameMap = false): Json | undefined {
  if (Array.isArray(value)) return value.map((v) => toJsonSchema(v) as Json);
  if (!value || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (isNameMap) {
      out[key] = toJsonSchema(v) as Json; // keys are property / component names, not keywords
      continue;
    }
    if (key === 'example' || key === 'examples' || key === 'discriminator' || key === 'nullable') continue;
    if (key === '$ref' && typeof v === 'string' && v.startsWith('#/')) out.$ref = `${SPEC_ID}${v}`;
    else if (key === 'oneOf') out.anyOf = toJsonSchema(v) as Json;
    else out[key] = toJsonSchema(v, NAME_MAPS.has(key)) as Json;
  }
  if (isNameMap || value.nullable !== true) return out;
  if (typeof out.type === 'string' && !('$ref' in out)) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
