import { describe, expect, it } from 'vitest';
import { createEnvelope, envelopeProblem, envelopeSchema } from './envelope';

describe('envelope check', () => {
  const good = createEnvelope({ type: 'x.y', version: 1, source: 'svc', payload: { a: 1 } });
  const cases: [string, unknown][] = [
    ['good', good],
    ['not an object', 'hello'],
    ['array', []],
    ['missing id', { ...good, id: undefined }],
    ['empty type', { ...good, type: '' }],
    ['version 0', { ...good, version: 0 }],
    ['version 1.5', { ...good, version: 1.5 }],
    ['long source', { ...good, source: 's'.repeat(101) }],
    ['causation missing', { ...good, causationId: undefined }],
    ['causation null', { ...good, causationId: null }],
    ['causation number', { ...good, causationId: 5 }],
    ['traceparent number', { ...good, traceparent: 1 }],
    ['no payload', (({ payload: _p, ...rest }) => rest)(good)],
  ];
  it.each(cases)('agrees with the schema: %s', (_name, value) => {
    expect(envelopeProblem(value) === null).toBe(envelopeSchema.safeParse(value).success);
  });
});
