import { describe, expect, it } from 'vitest';
import { formStateSchema } from '@/lib/forms/state-schema';

// A staff form refused in a browser without JavaScript is kept as a draft and read back
// through this schema: what staff typed must come back, and a tampered draft must not.
describe('a kept form state, read back', () => {
  const schema = formStateSchema({ invalid: 'invalid', duplicate: 'duplicate' }, ['saved']);

  it('gives back the values typed, the field errors and what was done', () => {
    const state = { values: { title: 'Informe anual' }, fieldErrors: { slug: 'duplicate' }, error: 'invalid', vars: { n: '2' } };
    expect(schema.parse(state)).toEqual(state);
    expect(schema.parse({ values: {}, done: 'saved' })).toEqual({ values: {}, done: 'saved' });
  });

  it('refuses a code the form does not have, or a done it cannot say', () => {
    expect(schema.safeParse({ values: {}, fieldErrors: { slug: 'storageFull' } }).success).toBe(false);
    expect(schema.safeParse({ values: {}, error: 'nope' }).success).toBe(false);
    expect(schema.safeParse({ values: {}, done: 'deleted' }).success).toBe(false);
    expect(schema.safeParse({ values: { title: 3 } }).success).toBe(false);
  });
});
