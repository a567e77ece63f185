// The JSON Schema of the pinned Stripe SDK's own TypeScript types, generated at test time
// (never written by hand), and a validator that says, for any JSON Stripe (or our double)
// sends, which fields are missing, which are not in the SDK type and which have the wrong
// type. Used by the conformance test of stripe-double/ and its self-test.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import * as tsj from 'ts-json-schema-generator';
import ts from 'typescript';

/**
 * The SDK type for each value of a JSON object's `object` field (checked against the
 * type's own `object` literal when the schema is generated). A Checkout line item says
 * `item`; an invoice line says `line_item`.
 */
export const SDK_TYPES = {
  customer: 'Stripe.Customer',
  price: 'Stripe.Price',
  product: 'Stripe.Product',
  'checkout.session': 'Stripe.Checkout.Session',
  'billing_portal.session': 'Stripe.BillingPortal.Session',
  subscription: 'Stripe.Subscription',
  subscription_item: 'Stripe.SubscriptionItem',
  invoice: 'Stripe.Invoice',
  invoice_payment: 'Stripe.InvoicePayment',
  payment_intent: 'Stripe.PaymentIntent',
  charge: 'Stripe.Charge',
  refund: 'Stripe.Refund',
  dispute: 'Stripe.Dispute',
  mandate: 'Stripe.Mandate',
  item: 'Stripe.LineItem',
  line_item: 'Stripe.InvoiceLineItem',
} as const;

export type StripeObjectType = keyof typeof SDK_TYPES;

// Envelopes. Stripe.EventBase types data.object and data.previous_attributes as empty
// interfaces (each event type narrows them), which a closed schema would read as "no
// fields allowed"; so the envelope takes any object there, and data.object is checked by
// its own `object` field, against the object type the SDK pairs with the event's type.
// Stripe.ApiList<T>'s items are checked the same way, one by one.
const ENTRY = `import type Stripe from 'stripe';
type AnyStripeObject = { object: string; [field: string]: unknown };
export interface StripeWireTypes {
${Object.entries(SDK_TYPES)
  .map(([object, type]) => `  ${JSON.stringify(object)}: ${type};`)
  .join('\n')}
  event: Omit<Stripe.EventBase, 'data'> & { data: { object: AnyStripeObject; previous_attributes?: { [field: string]: unknown } } };
  list: Omit<Stripe.ApiList<never>, 'data'> & { data: AnyStripeObject[] };
  error: { error: Stripe.StripeRawError };
}
export type StripeEventUnion = Stripe.Event;
`;

const GENERATOR_CONFIG = {
  ...tsj.DEFAULT_CONFIG,
  expose: 'export',
  topRef: false,
  jsDoc: 'none',
  // Closed objects: a field the SDK type does not declare is a violation.
  additionalProperties: false,
  skipTypeCheck: true,
  functions: 'hide',
} satisfies tsj.CompletedConfig;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  // Without strictNullChecks, `string | null` would collapse to `string` and a null where
  // Stripe sends a value (or the reverse) would pass.
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};

/** Bumped whenever the post-processing below changes, so old caches are not reused. */
const FORMAT = 2;

// The SDK types Stripe's decimal fields (unit_amount_decimal, fx_rate...) as its own
// branded Decimal class: the wire sends a decimal string, which the SDK converts on
// arrival (esm/V2Coercion.js, "decimal_string"). The schema describes the wire.
const DECIMAL_STRING = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  definitions?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
};

type Generated = {
  schema: JsonSchema;
  /** Event type -> the `object` values the SDK allows in its data.object. */
  eventObjects: Record<string, string[]>;
  stripeVersion: string;
  generatorVersion: string;
  generatedInMs: number;
};

export type Violation = {
  /** The innermost Stripe object the problem is in ('invoice', 'customer', 'event', 'error'...). */
  object: string;
  /** JSON pointer inside the checked JSON. */
  path: string;
  /** JSON pointer inside that object (the same as `path` for a top-level object). */
  field: string;
  kind: 'missing' | 'extra' | 'wrong_type' | 'unknown_object';
  message: string;
};

export type SchemaTimings = {
  /** Generating the schema from the SDK's declarations (0 when read from the cache). */
  generateMs: number;
  /** Compiling the Ajv validators (0 when read from the cache). */
  compileMs: number;
  /** Reading the schema and the compiled validators. */
  loadMs: number;
  totalMs: number;
  cached: boolean;
  cacheFile: string;
  stripeVersion: string;
  generatorVersion: string;
};

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(import.meta.dirname, '../..');
const cacheDir = path.join(projectRoot, 'node_modules/.cache/stripe-conformance');

function packageVersion(name: string): { version: string; dir: string } {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return { version: pkg.version, dir };
    }
    dir = path.dirname(dir);
  }
  throw new Error(`Cannot find the package.json of ${name}`);
}

function stringLiterals(type: ts.Type | undefined): string[] {
  if (!type) return [];
  return (type.isUnion() ? type.types : [type]).filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
}

/** Reads, from the SDK's Stripe.Event union, which object type each event type carries. */
function eventObjectTypes(program: ts.Program, entry: ts.SourceFile): Record<string, string[]> {
  const checker = program.getTypeChecker();
  const alias = entry.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'StripeEventUnion',
  );
  if (!alias) throw new Error('StripeEventUnion missing from the schema entry');
  const property = (type: ts.Type | undefined, name: string) => {
    const symbol = type?.getProperty(name);
    return symbol ? checker.getTypeOfSymbol(symbol) : undefined;
  };
  const union = checker.getTypeAtLocation(alias.name);
  const map: Record<string, string[]> = {};
  for (const member of union.isUnion() ? union.types : [union]) {
    const objects = stringLiterals(property(property(property(member, 'data'), 'object'), 'object'));
    for (const type of stringLiterals(property(member, 'type'))) map[type] = objects;
  }
  if (Object.keys(map).length < 100) throw new Error(`Read only ${Object.keys(map).length} event types from Stripe.Event`);
  return map;
}

/**
 * ts-json-schema-generator names a definition by its declared name only, and Stripe has
 * several types of one name in different files (Card, Session, Transaction...), which the
 * generator refuses ("has multiple definitions", vega/ts-json-schema-generator#666).
 * For the length of one generation, names are qualified by the SDK file they come from:
 * `Checkout.Sessions.Session`, `Issuing.Cards.Card`.
 */
function withQualifiedNames<T>(stripeEsm: string, run: () => T): T {
  type Namer = { typeChecker: ts.TypeChecker; getDefinitionName(node: ts.Node, context: tsj.Context): string };
  const proto = tsj.ExposeNodeParser.prototype as unknown as Namer;
  const original = proto.getDefinitionName;
  proto.getDefinitionName = function (this: Namer, node, context) {
    const full = this.typeChecker.getFullyQualifiedName(tsj.symbolAtNode(node)!);
    const match = /^"(.*)"\.(.*)$/.exec(full);
    let name = full;
    if (match) {
      const file = path.relative(stripeEsm, match[1]!).replace(/\.d$/, '');
      name = file.startsWith('..')
        ? match[2]!
        : `${file
            .replace(/^resources\//, '')
            .split(path.sep)
            .join('.')}.${match[2]}`;
    }
    const args = context.getArguments().map((arg) => arg?.getName());
    return args.length ? `${name}<${args.join(',')}>` : name;
  };
  try {
    return run();
  } finally {
    proto.getDefinitionName = original;
  }
}

/**
 * The SDK joins most enums with `OtherString` (shared.d.ts: "open" enums, to which Stripe
 * may add values that the pinned SDK does not list), so as written a subscription's status
 * could be any string. Real Stripe may send such a value; a double has no reason to, and a
 * typo in one ('cancelled', 'complete') must fail. So each enum is closed to the members the
 * pinned SDK names.
 */
function closeOpenEnums(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeOpenEnums);
  if (typeof node !== 'object' || node === null) return;
  const schema = node as JsonSchema;
  if (schema.anyOf?.some((branch) => branch.const !== undefined)) {
    schema.anyOf = schema.anyOf.filter((branch) => !branch.$ref?.endsWith('.OtherString'));
  }
  Object.values(schema).forEach(closeOpenEnums);
}

function generate(stripe: { version: string; dir: string }, generatorVersion: string, entryFile: string): Generated {
  const started = performance.now();
  fs.writeFileSync(entryFile, ENTRY);
  const program = ts.createProgram([entryFile], COMPILER_OPTIONS);
  const entry = program.getSourceFile(entryFile)!;
  // A type name in SDK_TYPES that the SDK no longer has must stop the test, not vanish.
  const diagnostics = ts.getPreEmitDiagnostics(program, entry);
  if (diagnostics.length)
    throw new Error(
      `The schema entry does not typecheck against stripe ${stripe.version}:\n${ts.formatDiagnostics(diagnostics, ts.createCompilerHost({}))}`,
    );
  const root = entry.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'StripeWireTypes')!;
  const generator = new tsj.SchemaGenerator(
    program,
    tsj.createParser(program, GENERATOR_CONFIG),
    tsj.createFormatter(GENERATOR_CONFIG),
    GENERATOR_CONFIG,
  );
  const schema = withQualifiedNames(path.join(stripe.dir, 'esm'), () => generator.createSchemaFromNodes([root])) as JsonSchema;

  for (const [object, type] of Object.entries(SDK_TYPES)) {
    const root = schema.properties![object]!.$ref!.replace('#/definitions/', '');
    const literal = schema.definitions![decodeURIComponent(root)]!.properties?.object?.const;
    if (literal !== object) throw new Error(`SDK_TYPES maps "${object}" to ${type}, whose object field is ${JSON.stringify(literal)}`);
  }
  closeOpenEnums(schema);
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    const brand = Object.entries(definition.properties ?? {}).find(([key]) => key.startsWith('__@'));
    if (!brand) continue;
    if (brand[1].const !== 'Decimal')
      throw new Error(`Branded SDK type ${name} has no known wire format; teach tests/support/stripe-schema.ts about it`);
    schema.definitions![name] = DECIMAL_STRING;
  }
  return {
    schema,
    eventObjects: eventObjectTypes(program, entry),
    stripeVersion: stripe.version,
    generatorVersion,
    generatedInMs: Math.round(performance.now() - started),
  };
}

const ROOTS = [...Object.keys(SDK_TYPES), 'event', 'list', 'error'] as const;
export type RootType = (typeof ROOTS)[number];
const exportName = (root: string) => root.replace(/\W/g, '_');

/**
 * Compiles Ajv validators for every root type into one module of plain JS. Compiling this
 * schema takes Ajv about ten seconds; requiring the compiled module, half a second.
 */
function compileValidators(schema: JsonSchema): string {
  const ajv = new Ajv({ strict: true, code: { source: true } });
  ajv.addSchema(schema, 'stripe');
  return standaloneCode(ajv, Object.fromEntries(ROOTS.map((root) => [exportName(root), `stripe#/properties/${pointerSegment(root)}`])));
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `make` under an exclusive lock file unless `ready()` turns true while waiting for another process. */
function withLock(lock: string, ready: () => boolean, make: () => void): void {
  const deadline = Date.now() + 10 * 60_000;
  while (!ready()) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch {
      // Held by another worker; a lock whose process died is taken over.
      let owner = 0;
      let age = 0;
      try {
        owner = Number(fs.readFileSync(lock, 'utf8'));
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      let alive = owner > 0 || age < 30_000;
      try {
        if (owner > 0) process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) fs.rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${lock}`);
      Atomics.wait(sleeper, 0, 0, 250);
      continue;
    }
    try {
      fs.writeSync(fd, String(process.pid));
      if (!ready()) make();
    } finally {
      fs.closeSync(fd);
      fs.rmSync(lock, { force: true });
    }
  }
}

type Cached = { generated: Generated; validators: Record<string, ValidateFunction>; timings: SchemaTimings };

/** The schema and its validators: from the cache when the SDK, the generator and this file's entry are unchanged. */
function loadCached(): Cached {
  const started = performance.now();
  const stripe = packageVersion('stripe');
  const generatorVersion = packageVersion('ts-json-schema-generator').version;
  const ajvVersion = packageVersion('ajv').version;
  const key = createHash('sha256')
    .update(JSON.stringify([ENTRY, GENERATOR_CONFIG, COMPILER_OPTIONS, FORMAT, ajvVersion]))
    .digest('hex')
    .slice(0, 12);
  const base = path.join(cacheDir, `stripe-${stripe.version}.ts-json-schema-generator-${generatorVersion}.${key}`);
  const schemaFile = `${base}.json`;
  const validatorsFile = `${base}.validators.cjs`;
  let generateMs = 0;
  let compileMs = 0;
  const ready = () => fs.existsSync(schemaFile) && fs.existsSync(validatorsFile);
  const cached = ready();
  if (!cached) {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Test files run in parallel workers on two cores: one generates, the others wait for it.
    withLock(`${base}.lock`, ready, () => {
      const unique = `${process.pid}-${Math.random().toString(36).slice(2)}`;
      const entryFile = path.join(cacheDir, `entry-${unique}.ts`);
      let generated: Generated;
      try {
        generated = generate(stripe, generatorVersion, entryFile);
      } finally {
        fs.rmSync(entryFile, { force: true });
      }
      generateMs = generated.generatedInMs;
      const compiling = performance.now();
      const code = compileValidators(generated.schema);
      compileMs = Math.round(performance.now() - compiling);
      // Written aside, then renamed: no one reads half a file.
      for (const [file, text] of [
        [validatorsFile, code],
        [schemaFile, JSON.stringify(generated)],
      ]) {
        fs.writeFileSync(`${file}.${unique}`, text!);
        fs.renameSync(`${file}.${unique}`, file!);
      }
      // Schemas of an older SDK, generator or entry are never read again.
      for (const file of fs.readdirSync(cacheDir))
        if (file.startsWith('stripe-') && !file.startsWith(path.basename(base))) fs.rmSync(path.join(cacheDir, file), { force: true });
    });
  }
  const reading = performance.now();
  const generated = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Generated;
  const validators = require(validatorsFile) as Record<string, ValidateFunction>;
  return {
    generated,
    validators,
    timings: {
      generateMs,
      compileMs,
      loadMs: Math.round(performance.now() - reading),
      totalMs: Math.round(performance.now() - started),
      cached,
      cacheFile: schemaFile,
      stripeVersion: stripe.version,
      generatorVersion,
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return `${jsonType(value)} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

function pointerSegment(key: string | number): string {
  return encodeURIComponent(String(key).replace(/~/g, '~0').replace(/\//g, '~1'));
}

const pathSegment = (key: string | number) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** The keywords the walk below reads; a schema with others would be explained wrongly. */
const KNOWN_KEYWORDS = new Set([
  '$schema',
  '$ref',
  'type',
  'const',
  'enum',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'pattern',
  'definitions',
]);

function assertKnownKeywords(node: unknown, where = '#'): void {
  if (!isObject(node)) return;
  for (const [keyword, value] of Object.entries(node)) {
    if (!KNOWN_KEYWORDS.has(keyword))
      throw new Error(`The generated schema uses "${keyword}" at ${where}, which tests/support/stripe-schema.ts cannot explain yet`);
    if (keyword === 'properties' || keyword === 'definitions')
      for (const [name, child] of Object.entries(value as object)) assertKnownKeywords(child, `${where}/${keyword}/${name}`);
    else if (keyword === 'anyOf') (value as unknown[]).forEach((child, i) => assertKnownKeywords(child, `${where}/anyOf/${i}`));
    else if (keyword === 'items' || keyword === 'additionalProperties') assertKnownKeywords(value, `${where}/${keyword}`);
  }
}

/**
 * The schema, with Ajv's compiled validators deciding whether a body conforms. When one
 * does not, a walk over the schema says why, field by field (missing, extra, wrong type),
 * choosing in a union the branch the value is closest to: Ajv's own error list reports
 * every branch of every union it tried, which no one can read.
 */
export class StripeSchema {
  constructor(
    readonly schema: JsonSchema,
    readonly eventObjects: Record<string, string[]>,
    private readonly validators: Record<string, ValidateFunction>,
  ) {
    assertKnownKeywords(schema);
  }

  private node(pointer: string): JsonSchema {
    let node: unknown = this.schema;
    for (const raw of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown>)[key];
      if (node === undefined) throw new Error(`No schema at ${pointer}`);
    }
    return node as JsonSchema;
  }

  /** Follows $refs to the schema that says something. */
  private resolve(pointer: string): { pointer: string; node: JsonSchema } {
    let node = this.node(pointer);
    while (node.$ref) {
      pointer = node.$ref.replace(/^#/, '');
      node = this.node(pointer);
    }
    return { pointer, node };
  }

  /** Whether the value has the JSON type a schema branch is about (not whether it is valid). */
  private fits(pointer: string, value: unknown): boolean {
    const { pointer: at, node } = this.resolve(pointer);
    if (node.const !== undefined) return jsonType(node.const) === jsonType(value);
    if (node.enum) return node.enum.some((option) => jsonType(option) === jsonType(value));
    if (node.anyOf) return node.anyOf.some((_, i) => this.fits(`${at}/anyOf/${i}`, value));
    if (node.type) return ([] as string[]).concat(node.type).includes(jsonType(value));
    return true;
  }

  /** Whether an object contradicts one of a branch's required literal fields. */
  private contradicts(pointer: string, value: unknown): boolean {
    const { pointer: at, node } = this.resolve(pointer);
    if (!isObject(value)) return false;
    return (node.required ?? []).some((field) => {
      const literal = this.resolve(`${at}/properties/${pointerSegment(field)}`).node.const;
      return literal !== undefined && value[field] !== literal;
    });
  }

  describe(pointer: string): string {
    const direct = this.node(pointer);
    if (direct.$ref) return decodeURIComponent(direct.$ref.split('/').pop()!);
    if (direct.const !== undefined) return JSON.stringify(direct.const);
    if (direct.enum)
      return direct.enum.length > 8
        ? `${direct.enum
            .slice(0, 8)
            .map((v) => JSON.stringify(v))
            .join(' | ')} | ...`
        : direct.enum.map((v) => JSON.stringify(v)).join(' | ');
    if (direct.anyOf) return direct.anyOf.map((_, i) => this.describe(`${pointer}/anyOf/${i}`)).join(' | ');
    const types = ([] as string[]).concat(direct.type ?? 'any');
    if (direct.pattern) return `string matching ${direct.pattern}`;
    return types.map((type) => (type === 'array' && isObject(direct.items) ? `${this.describe(`${pointer}/items`)}[]` : type)).join(' | ');
  }

  /**
   * Every field-level reason why `value` does not match the schema at `pointer`; none when
   * it does. Each reason is told against the innermost Stripe object it sits in (an
   * expanded customer inside an invoice reports as `customer`), so one mistake of the
   * double reads the same wherever the object appears.
   */
  explain(owner: { object: string; at: string }, pointer: string, value: unknown, at: string, out: Violation[]): void {
    const { pointer: here, node } = this.resolve(pointer);
    const violation = (kind: Violation['kind'], path: string, message: string): Violation => ({
      object: owner.object,
      path: path || '/',
      field: path.slice(owner.at.length) || '/',
      kind,
      message,
    });
    const wrong = () => void out.push(violation('wrong_type', at, `expected ${this.describe(pointer)}, got ${preview(value)}`));
    if (node.anyOf) {
      const branches = node.anyOf.map((_, i) => `${here}/anyOf/${i}`).filter((branch) => this.fits(branch, value));
      if (!branches.length) return wrong();
      let best: { found: Violation[]; score: number } | undefined;
      for (const branch of branches) {
        const found: Violation[] = [];
        this.explain(owner, branch, value, at, found);
        if (!found.length) return;
        // A branch whose literal fields (object: 'customer', deleted: true) the value
        // contradicts is the wrong one however few its other complaints.
        const score = found.length + (this.contradicts(branch, value) ? 1e6 : 0);
        if (!best || score < best.score) best = { found, score };
      }
      // A scalar that matches no literal of a union: one message naming the whole union.
      if (!isObject(value) && !Array.isArray(value)) return wrong();
      out.push(...best!.found);
      return;
    }
    if (node.const !== undefined) return node.const === value ? undefined : wrong();
    if (node.enum) return node.enum.includes(value) ? undefined : wrong();
    if (!this.fits(here, value)) return wrong();
    if (typeof value === 'string' && node.pattern && !new RegExp(String(node.pattern), 'u').test(value)) return wrong();
    if (isObject(value)) {
      // The SDK type at this position says which object this is (a list is only a wrapper).
      const literal = node.properties?.object?.const;
      const inner = typeof literal === 'string' && literal !== 'list' ? { object: literal, at } : owner;
      for (const field of node.required ?? []) {
        if (!(field in value)) {
          out.push({
            ...violation(
              'missing',
              `${at}/${pathSegment(field)}`,
              `missing; the SDK type has ${field}: ${this.describe(`${here}/properties/${pointerSegment(field)}`)}`,
            ),
            object: inner.object,
            field: `${at}/${pathSegment(field)}`.slice(inner.at.length),
          });
        }
      }
      for (const [field, fieldValue] of Object.entries(value)) {
        const fieldAt = `${at}/${pathSegment(field)}`;
        if (node.properties && field in node.properties)
          this.explain(inner, `${here}/properties/${pointerSegment(field)}`, fieldValue, fieldAt, out);
        else if (isObject(node.additionalProperties)) this.explain(inner, `${here}/additionalProperties`, fieldValue, fieldAt, out);
        else if (node.additionalProperties === false)
          out.push({
            ...violation('extra', fieldAt, `not in the SDK type (value ${preview(fieldValue)})`),
            object: inner.object,
            field: fieldAt.slice(inner.at.length),
          });
      }
    } else if (Array.isArray(value) && isObject(node.items)) {
      value.forEach((item, i) => this.explain(owner, `${here}/items`, item, `${at}/${i}`, out));
    }
  }

  /** Checks one JSON body as the SDK would type it, picking the type by its `object` field. */
  check(json: unknown, at: string, out: Violation[]): void {
    if (!isObject(json)) {
      out.push({
        object: '(none)',
        path: at || '/',
        field: '/',
        kind: 'wrong_type',
        message: `expected a Stripe object, got ${preview(json)}`,
      });
      return;
    }
    if (!('object' in json) && 'error' in json) return this.checkAs('error', json, at, out);
    const object = json.object;
    if (object === 'list') {
      this.checkAs('list', json, at, out);
      if (Array.isArray(json.data)) json.data.forEach((item, i) => this.check(item, `${at}/data/${i}`, out));
      return;
    }
    if (object === 'event') {
      this.checkAs('event', json, at, out);
      const data = isObject(json.data) ? json.data : {};
      const inner = data.object;
      if (!isObject(inner)) return;
      this.check(inner, `${at}/data/object`, out);
      const allowed = typeof json.type === 'string' ? this.eventObjects[json.type] : undefined;
      if (allowed?.length && !allowed.includes(String(inner.object))) {
        out.push({
          object: 'event',
          path: `${at}/data/object/object`,
          field: '/data/object/object',
          kind: 'wrong_type',
          message: `a ${json.type} event carries ${allowed.join(' | ')} in the SDK types, got ${preview(inner.object)}`,
        });
      }
      // The SDK types previous_attributes as Partial<the object>: each key is one of its fields.
      if (isObject(data.previous_attributes) && isStripeObjectType(inner.object)) {
        const fields = this.fieldsOf(inner.object);
        for (const field of Object.keys(data.previous_attributes)) {
          if (!fields.includes(field)) {
            out.push({
              object: 'event',
              path: `${at}/data/previous_attributes/${pathSegment(field)}`,
              field: `/data/previous_attributes/${pathSegment(field)}`,
              kind: 'extra',
              message: `not a field of ${SDK_TYPES[inner.object]}`,
            });
          }
        }
      }
      return;
    }
    if (isStripeObjectType(object)) return this.checkAs(object, json, at, out);
    out.push({
      object: String(object),
      path: `${at}/object`,
      field: '/object',
      kind: 'unknown_object',
      message: `no SDK type is mapped for object ${preview(object)} (SDK_TYPES in tests/support/stripe-schema.ts)`,
    });
  }

  private checkAs(root: RootType, json: Record<string, unknown>, at: string, out: Violation[]) {
    const validate = this.validators[exportName(root)]!;
    if (validate(json)) return;
    const found: Violation[] = [];
    this.explain({ object: root, at }, `/properties/${pointerSegment(root)}`, json, at, found);
    // Ajv said no but the walk found nothing: say what Ajv said rather than nothing.
    if (!found.length)
      found.push({
        object: root,
        path: at || '/',
        field: '/',
        kind: 'wrong_type',
        message: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; '),
      });
    out.push(...found);
  }

  /** Whether Ajv's compiled validator accepts the body as the given root type. */
  accepts(root: RootType, json: unknown): boolean {
    return this.validators[exportName(root)]!(json) as boolean;
  }

  /** The fields an SDK type declares, required or not. */
  fieldsOf(root: RootType): string[] {
    return Object.keys(this.resolve(`/properties/${pointerSegment(root)}`).node.properties ?? {});
  }

  /**
   * The top-level fields the SDK types as an id or the object itself (`string | Customer`):
   * Stripe's expandable fields, which are ids unless the request asked for expand[].
   */
  expandableFieldsOf(root: RootType): string[] {
    const { pointer, node } = this.resolve(`/properties/${pointerSegment(root)}`);
    return Object.keys(node.properties ?? {}).filter((field) => {
      const { pointer: at, node: property } = this.resolve(`${pointer}/properties/${pointerSegment(field)}`);
      const branches = (property.anyOf ?? []).map((_, i) => this.resolve(`${at}/anyOf/${i}`).node);
      return (
        branches.some((b) => b.type === 'string' && b.const === undefined && !b.pattern) &&
        branches.some((b) => b.properties?.object?.const !== undefined)
      );
    });
  }

  /** The fields an SDK type always has (not optional in the type). */
  requiredFieldsOf(root: RootType): string[] {
    return this.resolve(`/properties/${pointerSegment(root)}`).node.required ?? [];
  }

  /**
   * The smallest JSON the schema accepts for a type: every required field, null where the
   * type allows it, else an id where it allows one, else the first literal. The self-test
   * breaks such objects to show that the validator notices.
   */
  example(root: RootType): Record<string, unknown> {
    return this.exampleAt(`/properties/${pointerSegment(root)}`, 0) as Record<string, unknown>;
  }

  private exampleAt(pointer: string, depth: number): unknown {
    if (depth > 40) throw new Error(`No finite example at ${pointer}`);
    const { pointer: at, node } = this.resolve(pointer);
    if (node.const !== undefined) return node.const;
    if (node.enum) return node.enum[0];
    if (node.anyOf) {
      const branches = node.anyOf.map((_, i) => `${at}/anyOf/${i}`);
      const pick = branches.find((b) => this.fits(b, null)) ?? branches.find((b) => this.resolve(b).node.type === 'string') ?? branches[0];
      return this.exampleAt(pick!, depth + 1);
    }
    const types = ([] as string[]).concat(node.type ?? 'object');
    if (types.includes('null')) return null;
    if (types.includes('string')) return node.pattern ? '0' : 'x';
    if (types.includes('number')) return 0;
    if (types.includes('boolean')) return false;
    if (types.includes('array')) return [];
    const example: Record<string, unknown> = {};
    for (const field of node.required ?? []) example[field] = this.exampleAt(`${at}/properties/${pointerSegment(field)}`, depth + 1);
    return example;
  }
}

function isStripeObjectType(value: unknown): value is StripeObjectType {
  return typeof value === 'string' && Object.hasOwn(SDK_TYPES, value);
}

let loaded: { schema: StripeSchema; timings: SchemaTimings } | undefined;

function load() {
  if (loaded) return loaded;
  const { generated, validators, timings } = loadCached();
  loaded = { schema: new StripeSchema(generated.schema, generated.eventObjects, validators), timings };
  return loaded;
}

/** Checks a JSON body (an object, a list, an event, an error) against the SDK types. */
export function validateStripeObject(json: unknown): { ok: boolean; errors: Violation[] } {
  const errors: Violation[] = [];
  load().schema.check(json, '', errors);
  return { ok: errors.length === 0, errors };
}

/** The loaded schema: examples, fields, and the event -> object pairs read from the SDK. */
export function stripeSchema(): StripeSchema {
  return load().schema;
}

/** How long the schema took: generated and compiled (a cold cache) or read (a warm one). */
export function stripeSchemaTimings(): SchemaTimings {
  return load().timings;
}
