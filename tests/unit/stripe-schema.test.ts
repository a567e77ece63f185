// The conformance test of the Stripe double is only as good as its validator: here each
// kind of mistake a double can make is made on purpose, and must be caught, at the right
// path, for the right reason.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SDK_TYPES,
  stripeSchema,
  stripeSchemaTimings,
  validateStripeObject,
  type RootType,
  type StripeSchema,
  type Violation,
} from '../support/stripe-schema';

let schema: StripeSchema;

beforeAll(() => {
  schema = stripeSchema();
  const t = stripeSchemaTimings();
  console.info(
    `[stripe-schema] stripe ${t.stripeVersion}, ts-json-schema-generator ${t.generatorVersion}: ${t.cached ? 'cached' : `generated in ${t.generateMs} ms, compiled in ${t.compileMs} ms`}, loaded in ${t.loadMs} ms`,
  );
}, 180_000);

/** A real-shaped object: every field the SDK type always has, as the schema describes it. */
const example = (root: RootType) => structuredClone(schema.example(root));
const found = (json: unknown) =>
  validateStripeObject(json).errors.map((e: Violation) => ({ object: e.object, kind: e.kind, path: e.path }));

describe('objects built from the SDK types', () => {
  it.each([...Object.keys(SDK_TYPES), 'event', 'list', 'error'] as RootType[])('%s with every always-present field passes', (root) => {
    const json = example(root);
    if (root === 'event') Object.assign(json, { type: 'customer.created', data: { object: example('customer') } });
    expect(schema.accepts(root, json)).toBe(true);
    expect(validateStripeObject(json).errors).toEqual([]);
  });
});

describe('the validator rejects', () => {
  it('a missing always-present field, naming its SDK type', () => {
    const invoice = example('invoice');
    delete invoice.status_transitions;
    const { ok, errors } = validateStripeObject(invoice);
    expect(ok).toBe(false);
    expect(errors).toEqual([
      {
        object: 'invoice',
        kind: 'missing',
        path: '/status_transitions',
        field: '/status_transitions',
        message: 'missing; the SDK type has status_transitions: Invoices.Invoice.StatusTransitions',
      },
    ]);
  });

  it('a field that is present but null where the type has no null', () => {
    expect(found({ ...example('charge'), amount: null })).toEqual([{ object: 'charge', kind: 'wrong_type', path: '/amount' }]);
  });

  it('an extra field, at the top and nested', () => {
    const session = { ...example('checkout.session'), line_items_input: [] };
    expect(found(session)).toEqual([{ object: 'checkout.session', kind: 'extra', path: '/line_items_input' }]);
    const invoice = example('invoice');
    invoice.status_transitions = { ...(invoice.status_transitions as object), paid_when: 1 };
    expect(found(invoice)).toEqual([{ object: 'invoice', kind: 'extra', path: '/status_transitions/paid_when' }]);
  });

  it('a wrong type, and a value outside an enum', () => {
    expect(found({ ...example('price'), unit_amount: '1000' })).toEqual([{ object: 'price', kind: 'wrong_type', path: '/unit_amount' }]);
    expect(found({ ...example('subscription'), status: 'paused_forever' })).toEqual([
      { object: 'subscription', kind: 'wrong_type', path: '/status' },
    ]);
    expect(validateStripeObject({ ...example('customer'), email: 5 }).errors[0]!.message).toBe('expected string | null, got number 5');
  });

  it('several mistakes at once, each reported', () => {
    const refund: Record<string, unknown> = { ...example('refund'), amount: '5', extra: true };
    delete refund.status;
    expect(found(refund)).toEqual([
      { object: 'refund', kind: 'missing', path: '/status' },
      { object: 'refund', kind: 'wrong_type', path: '/amount' },
      { object: 'refund', kind: 'extra', path: '/extra' },
    ]);
  });
});

describe('unions', () => {
  it('an expandable field takes an id or the whole object, and a broken expanded object is explained against the object, not its id or its deleted form', () => {
    const customer = { ...example('customer'), id: 'cus_1' };
    expect(found({ ...example('invoice'), customer: 'cus_1' })).toEqual([]);
    expect(found({ ...example('invoice'), customer })).toEqual([]);
    const broken: Record<string, unknown> = { ...customer };
    delete broken.email;
    expect(found({ ...example('invoice'), customer: broken })).toEqual([{ object: 'customer', kind: 'missing', path: '/customer/email' }]);
    // Told against the customer, so the same mistake reads the same wherever a customer appears.
    expect(validateStripeObject({ ...example('invoice'), customer: broken }).errors[0]!.field).toBe('/email');
    expect(found({ ...example('invoice'), customer: 42 })).toEqual([{ object: 'invoice', kind: 'wrong_type', path: '/customer' }]);
  });

  it('knows which top-level fields are expandable from the types alone', () => {
    expect(schema.expandableFieldsOf('invoice')).toEqual(expect.arrayContaining(['customer', 'default_payment_method']));
    expect(schema.expandableFieldsOf('invoice')).not.toContain('status_transitions');
    expect(schema.expandableFieldsOf('subscription')).toEqual(
      expect.arrayContaining(['customer', 'latest_invoice', 'default_payment_method']),
    );
    expect(schema.expandableFieldsOf('checkout.session')).toEqual(
      expect.arrayContaining(['customer', 'subscription', 'invoice', 'payment_intent']),
    );
    expect(schema.expandableFieldsOf('checkout.session')).not.toContain('line_items');
  });

  it('a violation inside a list item or an event names the path within its own object too', () => {
    const list = { ...example('list'), data: [{ ...example('price'), unit_amount: 'ten' }] };
    expect(validateStripeObject(list).errors[0]).toMatchObject({ object: 'price', path: '/data/0/unit_amount', field: '/unit_amount' });
  });

  it("Stripe's decimal strings are strings on the wire, though the SDK hands them out as Decimal objects", () => {
    expect(found({ ...example('price'), unit_amount_decimal: '1250.5' })).toEqual([]);
    expect(found({ ...example('price'), unit_amount_decimal: 1250.5 })).toEqual([
      { object: 'price', kind: 'wrong_type', path: '/unit_amount_decimal' },
    ]);
  });

  it('includable fields are optional in the types, so the schema accepts them absent or present (the conformance test checks when)', () => {
    const invoice = example('invoice');
    expect(schema.requiredFieldsOf('invoice')).not.toContain('payments');
    expect(schema.fieldsOf('invoice')).toContain('payments');
    expect(found(invoice)).toEqual([]);
    expect(found({ ...invoice, payments: { object: 'list', data: [], has_more: false, url: '/v1/invoice_payments' } })).toEqual([]);
    expect(schema.fieldsOf('checkout.session')).toContain('line_items');
  });
});

describe('envelopes', () => {
  const event = () => ({ ...example('event'), type: 'invoice.paid', data: { object: example('invoice') } });

  it('a list checks each item by its own object type, at its index', () => {
    const list = { ...example('list'), data: [example('customer'), { ...example('price'), unit_amount: 'ten' }] };
    expect(found(list)).toEqual([{ object: 'price', kind: 'wrong_type', path: '/data/1/unit_amount' }]);
    expect(found({ ...example('list'), data: [], total_count: 0 })).toEqual([{ object: 'list', kind: 'extra', path: '/total_count' }]);
  });

  it('an event checks its envelope against Stripe.Event and data.object by its own type', () => {
    expect(found(event())).toEqual([]);
    const noPending: Record<string, unknown> = event();
    delete noPending.pending_webhooks;
    expect(found(noPending)).toEqual([{ object: 'event', kind: 'missing', path: '/pending_webhooks' }]);
    const badObject = event();
    delete badObject.data.object.parent;
    expect(found(badObject)).toEqual([{ object: 'invoice', kind: 'missing', path: '/data/object/parent' }]);
    expect(found({ ...event(), type: 'invoice.paid_twice' })).toEqual([{ object: 'event', kind: 'wrong_type', path: '/type' }]);
  });

  it('an event carries the object type the SDK pairs with its type', () => {
    expect(schema.eventObjects['invoice.paid']).toEqual(['invoice']);
    expect(schema.eventObjects['charge.dispute.created']).toEqual(['dispute']);
    expect(schema.eventObjects['customer.subscription.deleted']).toEqual(['subscription']);
    expect(found({ ...event(), data: { object: example('charge') } })).toEqual([
      { object: 'event', kind: 'wrong_type', path: '/data/object/object' },
    ]);
  });

  it("previous_attributes names only fields of the event's object", () => {
    const updated = { ...event(), type: 'invoice.updated', data: { object: example('invoice'), previous_attributes: { status: 'draft' } } };
    expect(found(updated)).toEqual([]);
    updated.data.previous_attributes = { status: 'draft', attempts: 1 } as never;
    expect(found(updated)).toEqual([{ object: 'event', kind: 'extra', path: '/data/previous_attributes/attempts' }]);
  });

  it("an error body has Stripe's error fields and no others", () => {
    const body = {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: "No such invoice: 'in_x'",
        param: 'id',
        doc_url: 'https://docs.stripe.com/error-codes/resource-missing',
      },
    };
    expect(found(body)).toEqual([]);
    expect(found({ error: { ...body.error, status: 404 } })).toEqual([{ object: 'error', kind: 'extra', path: '/error/status' }]);
    expect(found({ error: { ...body.error, type: 'not_found' } })).toEqual([{ object: 'error', kind: 'wrong_type', path: '/error/type' }]);
  });

  it('an object type the test does not know is reported, not passed', () => {
    expect(found({ object: 'invoiceitem', id: 'ii_1' })).toEqual([{ object: 'invoiceitem', kind: 'unknown_object', path: '/object' }]);
    expect(found('not json')).toEqual([{ object: '(none)', kind: 'wrong_type', path: '/' }]);
  });
});
