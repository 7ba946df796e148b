// Mutations of a valid POST /api/invoices body: wrong types, huge or hostile strings, unicode, negative,
// huge and float numbers, impossible dates, missing and extra fields, and whole bodies of arbitrary JSON.
import fc from 'fast-check';

const INVOICE_FIELDS = [
  'number',
  'officeId',
  'clientId',
  'jobId',
  'invoiceDate',
  'dueDate',
  'currency',
  'taxMode',
  'reference',
  'accountCodeOverride',
  'taxCodeOverride',
  'lines',
];
const LINE_FIELDS = [
  'category',
  'description',
  'quantity',
  'unitPrice',
  'taskId',
  'taxClassId',
  'accountCodeOverride',
  'taxCodeOverride',
];
const EXTRA_FIELDS = ['id', 'practiceId', 'status', 'total', '__proto__', 'constructor', 'version', ''];

const edgeStrings = fc.constantFrom(
  '',
  '   ',
  '\t\r\n',
  '=1+1',
  '2026-02-30',
  '2025-02-29',
  '2024-02-29',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '2026-1-5',
  '2026-01-05T00:00:00Z',
  'AUD',
  'aud',
  'XXX',
  'NaN',
  '1e5',
  '-0',
  '0.00001',
  '999999999999.9999',
  '-999999999999.9999',
  '１２',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '00000000-0000-0000-0000-000000000000',
  'fee',
  'exclusive',
  'inclusive',
);
const hugeString = fc.integer({ min: 256, max: 200_000 }).map((n) => 'x'.repeat(n));

export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  edgeStrings,
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  hugeString,
  fc.integer(),
  fc.constantFrom(-1, 0, 2.5, 0.1, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

export type Mutation =
  | { op: 'set'; field: string; value: unknown }
  | { op: 'delete'; field: string }
  | { op: 'setLine'; line: number; field: string; value: unknown }
  | { op: 'deleteLine'; line: number; field: string }
  | { op: 'lines'; value: 'empty' | 'many' | 'notArray' }
  | { op: 'replace'; value: unknown };

const anyField = fc.constantFrom(...INVOICE_FIELDS, ...EXTRA_FIELDS);
const anyLineField = fc.constantFrom(...LINE_FIELDS, ...EXTRA_FIELDS);
const lineIndex = fc.nat(2);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant('set' as const), field: anyField, value: weirdValue }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), field: anyField }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('setLine' as const),
      line: lineIndex,
      field: anyLineField,
      value: weirdValue,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('deleteLine' as const), line: lineIndex, field: anyLineField }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('lines' as const),
      value: fc.constantFrom('empty', 'many', 'notArray'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  },
);

type Body = Record<string, unknown> & { lines: Record<string, unknown>[] };

/** Applies mutations to a deep copy of the valid body. Returns whatever JSON value results. */
export function mutate(valid: Body, mutations: readonly Mutation[]): unknown {
  let body: unknown = structuredClone(valid);
  for (const m of mutations) {
    if (m.op === 'replace') {
      body = m.value;
      continue;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) continue;
    const b = body as Record<string, unknown>;
    const lines = Array.isArray(b.lines) ? (b.lines as unknown[]) : undefined;
    const line = (i: number) => {
      const l = lines?.[i % Math.max(1, lines.length)];
      return l && typeof l === 'object' && !Array.isArray(l) ? (l as Record<string, unknown>) : undefined;
    };
    // defineProperty, so "__proto__" becomes an own key in the JSON rather than a prototype change.
    const put = (o: Record<string, unknown>, k: string, v: unknown) =>
      Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
    if (m.op === 'set') put(b, m.field, m.value);
    else if (m.op === 'delete') delete b[m.field];
    else if (m.op === 'setLine') {
      const l = line(m.line);
      if (l) put(l, m.field, m.value);
    } else if (m.op === 'deleteLine') {
      const l = line(m.line);
      if (l) delete l[m.field];
    } else if (m.value === 'empty') b.lines = [];
    else if (m.value === 'many') b.lines = Array.from({ length: 501 }, () => structuredClone(valid.lines[0]));
    else b.lines = structuredClone(valid.lines[0]);
  }
  return body;
}
