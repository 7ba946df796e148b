// Xero's high-volume threshold (BEHAVIOURS.md "High-volume organisations"): on an organisation holding more
// records of a kind than the threshold, a list query must be narrowed and filtered efficiently, or Xero
// answers 400 HighVolumeException (ErrorNumber 51). Efficient means: a narrowing parameter (IDs=,
// searchTerm, InvoiceNumbers=, ContactIDs=, Statuses=, If-Modified-Since) or paging, and a `where` / `order`
// made only of optimised fields: conditions joined by AND, no OR / != / NOT, and no LINQ-style methods
// (.ToLower(), .Contains(), .StartsWith(), ...; searchTerm replaces them).
// https://developer.xero.com/documentation/api/efficient-data-retrieval
import type { ApiCall } from './call.ts';
import { listParam, queryParam } from './list-query.ts';
import { type Token, tokenize, WhereSyntaxError } from './where.ts';

const EQUALITY = new Set(['==']);
const RANGE = new Set(['==', '<', '>', '<=', '>=']);

export interface EfficientQueries {
  /** Optimised `where` fields (dotted paths, case-insensitive) and the operators each accepts. */
  where: Record<string, Set<string>>;
  /** Optimised `order` fields. */
  order: string[];
  /** Parameters that narrow the list on their own. */
  narrowing: string[];
}

export const CONTACTS: EfficientQueries = {
  where: {
    name: EQUALITY,
    emailaddress: EQUALITY,
    accountnumber: EQUALITY,
    contactnumber: EQUALITY,
    contactstatus: EQUALITY,
  },
  order: ['contactid', 'updateddateutc', 'name'],
  narrowing: ['IDs', 'searchTerm'],
};

export const INVOICES: EfficientQueries = {
  where: {
    status: EQUALITY,
    type: EQUALITY,
    reference: EQUALITY,
    'contact.contactid': EQUALITY,
    'contact.name': EQUALITY,
    'contact.contactnumber': EQUALITY,
    date: RANGE,
    duedate: RANGE,
    amountdue: RANGE,
    amountpaid: RANGE,
  },
  order: ['invoiceid', 'updateddateutc', 'date'],
  narrowing: ['IDs', 'searchTerm', 'InvoiceNumbers', 'ContactIDs', 'Statuses'],
};

const isWord = (t: Token | undefined, word: string) => t?.t === 'id' && t.v.toLowerCase() === word;

/** True when every condition is `<optimised field> <allowed op> <literal>`, joined only by AND / &&. */
function efficientWhere(expression: string, rules: EfficientQueries): boolean {
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch (e) {
    if (e instanceof WhereSyntaxError) return true; // the query parser answers this one
    throw e;
  }
  let i = 0;
  while (i < tokens.length) {
    // field path
    const path: string[] = [];
    if (tokens[i]?.t !== 'id') return false;
    path.push((tokens[i++] as { v: string }).v.toLowerCase());
    while (tokens[i]?.t === 'punct' && tokens[i]!.v === '.' && tokens[i + 1]?.t === 'id') {
      path.push((tokens[i + 1] as { v: string }).v.toLowerCase());
      i += 2;
    }
    const ops = rules.where[path.join('.')];
    const op = tokens[i];
    if (!ops || op?.t !== 'op' || !ops.has(op.v)) return false;
    i++;
    // literal: "text", number, true/false/null, Guid("…"), DateTime(…)
    const value = tokens[i];
    if (value?.t === 'str' || value?.t === 'num') i++;
    else if (isWord(value, 'true') || isWord(value, 'false') || isWord(value, 'null')) i++;
    else if ((isWord(value, 'guid') || isWord(value, 'datetime')) && tokens[i + 1]?.v === '(') {
      i += 2;
      while (i < tokens.length && tokens[i]!.v !== ')') {
        if (tokens[i]!.t === 'id') return false;
        i++;
      }
      if (tokens[i]?.v !== ')') return false;
      i++;
    } else return false;
    if (i === tokens.length) return true;
    const join = tokens[i];
    if (!((join?.t === 'op' && join.v === '&&') || isWord(join, 'and'))) return false;
    i++;
  }
  return false;
}

function efficientOrder(order: string, rules: EfficientQueries): boolean {
  return order.split(',').every((part) => {
    const [field = '', direction, ...rest] = part.trim().split(/\s+/);
    return (
      rules.order.includes(field.toLowerCase()) &&
      (direction === undefined || /^(asc|desc)$/i.test(direction)) &&
      rest.length === 0
    );
  });
}

/**
 * Whether this list call is refused on a high-volume organisation. `count` is how many records of the kind
 * the organisation holds; `threshold` is the sandbox's high-volume threshold.
 */
export function refusedForVolume(call: ApiCall, count: number, threshold: number, rules: EfficientQueries) {
  if (count <= threshold) return false;
  const { url } = call;
  const where = queryParam(url, 'where');
  if (where?.trim() && !efficientWhere(where, rules)) return true;
  const order = queryParam(url, 'order');
  if (order?.trim() && !efficientOrder(order, rules)) return true;
  const narrowed =
    rules.narrowing.some((p) => listParam(url, p) !== undefined) ||
    Boolean(where?.trim()) ||
    queryParam(url, 'page') !== null ||
    call.request.headers.has('if-modified-since');
  return !narrowed;
}
