// OData v3 query options on every MYOB list (myob.md §3.8): $filter, $orderby, $top (default 400, max
// 1000), $skip, and the { Items, NextPageLink, Count } envelope. The filter runs on the JSON views the
// client sees, so `Customer/UID eq guid'…'` and `Number eq 'INV-1'` mean exactly what they mean on the wire.
//
// Supported: eq ne gt ge lt le, and, or, not, parentheses; startswith, endswith, substringof (myob.md §3.5,
// apisupport 360000496815); literals 'text' (with '' escaping), numbers, true/false/null, datetime'…',
// guid'…'. String comparison is exact (case-sensitive); MYOB's collation is not documented.
import { ApiError, validation } from './errors.ts';

export const DEFAULT_TOP = 400;
export const MAX_TOP = 1000;

type Value = string | number | boolean | null | undefined;
type Node =
  | { kind: 'lit'; value: Value }
  | { kind: 'path'; path: string[] }
  | { kind: 'not'; arg: Node }
  | { kind: 'bin'; op: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[] };

type Token = { t: 'str' | 'num' | 'word' | 'typed' | 'punct'; v: string; prefix?: string };

function badQuery(message: string): ApiError {
  return new ApiError(400, [
    validation(`The query specified in the URI is not valid. ${message}`, '$filter'),
  ]);
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    let s = '';
    i++; // opening quote
    for (;;) {
      if (i >= src.length) throw badQuery('Unterminated string literal.');
      const c = src[i]!;
      if (c === "'") {
        if (src[i + 1] === "'") {
          s += "'";
          i += 2;
          continue;
        }
        i++;
        return s;
      }
      s += c;
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'") {
      out.push({ t: 'str', v: readQuoted() });
    } else if (/[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?[mMdDfFlL]?/.exec(src.slice(i));
      if (!m) throw badQuery(`Unexpected '${c}'.`);
      out.push({ t: 'num', v: m[0].replace(/[mMdDfFlL]$/, '') });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_/]*/.exec(src.slice(i))!;
      i += m[0].length;
      if (src[i] === "'" && ['datetime', 'guid', 'datetimeoffset', 'time'].includes(m[0])) {
        out.push({ t: 'typed', prefix: m[0], v: readQuoted() });
      } else {
        out.push({ t: 'word', v: m[0] });
      }
    } else {
      throw badQuery(`Unexpected '${c}'.`);
    }
  }
  return out;
}

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = new Set(['startswith', 'endswith', 'substringof', 'tolower', 'toupper', 'trim', 'length']);

/** Dates compare as "YYYY-MM-DDTHH:MM:SS" strings, the form the views use. */
function normaliseDate(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/.exec(text);
  if (!m) throw badQuery(`'${text}' is not a valid datetime.`);
  const time = m[2] ?? '00:00:00';
  return `${m[1]}T${time.length === 5 ? `${time}:00` : time}`;
}

export function parseFilter(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => peek()?.t === 'word' && peek()!.v.toLowerCase() === w;
  const expect = (v: string) => {
    if (peek()?.v !== v) throw badQuery(`Expected '${v}'.`);
    pos++;
  };
  const primary = (): Node => {
    const tok = tokens[pos++];
    if (!tok) throw badQuery('Unexpected end of expression.');
    if (tok.t === 'punct' && tok.v === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (tok.t === 'str') return { kind: 'lit', value: tok.v };
    if (tok.t === 'num') return { kind: 'lit', value: Number(tok.v) };
    if (tok.t === 'typed') {
      return { kind: 'lit', value: tok.prefix!.startsWith('datetime') ? normaliseDate(tok.v) : tok.v };
    }
    if (tok.t === 'word') {
      const lower = tok.v.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'lit', value: lower === 'true' };
      if (lower === 'null') return { kind: 'lit', value: null };
      if (FUNCTIONS.has(lower) && peek()?.v === '(') {
        pos++;
        const args: Node[] = [];
        if (peek()?.v !== ')') {
          args.push(or());
          while (peek()?.v === ',') {
            pos++;
            args.push(or());
          }
        }
        expect(')');
        return { kind: 'call', name: lower, args };
      }
      return { kind: 'path', path: tok.v.split('/') };
    }
    throw badQuery(`Unexpected '${tok.v}'.`);
  };
  const comparison = (): Node => {
    const left = primary();
    const op = peek();
    if (op?.t === 'word' && COMPARISONS.has(op.v.toLowerCase())) {
      pos++;
      return { kind: 'bin', op: op.v.toLowerCase(), left, right: primary() };
    }
    return left;
  };
  const not = (): Node => {
    if (isWord('not')) {
      pos++;
      return { kind: 'not', arg: not() };
    }
    return comparison();
  };
  const and = (): Node => {
    let left = not();
    while (isWord('and')) {
      pos++;
      left = { kind: 'bin', op: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (isWord('or')) {
      pos++;
      left = { kind: 'bin', op: 'or', left, right: and() };
    }
    return left;
  };
  const root = or();
  if (pos !== tokens.length) throw badQuery(`Unexpected '${tokens[pos]!.v}'.`);
  return root;
}

function readPath(item: unknown, path: string[]): Value {
  let cur: unknown = item;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (cur === undefined || cur === null || ['string', 'number', 'boolean'].includes(typeof cur)) {
    return cur as Value;
  }
  return undefined;
}

function compare(a: Value, b: Value): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function evaluate(node: Node, item: unknown): Value {
  switch (node.kind) {
    case 'lit':
      return node.value;
    case 'path':
      return readPath(item, node.path);
    case 'not':
      return !evaluate(node.arg, item);
    case 'call': {
      const args = node.args.map((a) => evaluate(a, item));
      const s = (v: Value) => (v === null || v === undefined ? '' : String(v));
      switch (node.name) {
        case 'startswith':
          return s(args[0]).startsWith(s(args[1]));
        case 'endswith':
          return s(args[0]).endsWith(s(args[1]));
        case 'substringof':
          return s(args[1]).includes(s(args[0]));
        case 'tolower':
          return s(args[0]).toLowerCase();
        case 'toupper':
          return s(args[0]).toUpperCase();
        case 'trim':
          return s(args[0]).trim();
        default:
          return s(args[0]).length;
      }
    }
    case 'bin': {
      if (node.op === 'and') return Boolean(evaluate(node.left, item)) && Boolean(evaluate(node.right, item));
      if (node.op === 'or') return Boolean(evaluate(node.left, item)) || Boolean(evaluate(node.right, item));
      const left = evaluate(node.left, item);
      const right = evaluate(node.right, item);
      if (node.op === 'eq') return (left ?? null) === (right ?? null) || compare(left, right) === 0;
      if (node.op === 'ne') return !((left ?? null) === (right ?? null) || compare(left, right) === 0);
      const c = compare(left, right);
      if (c === undefined) return false;
      if (node.op === 'gt') return c > 0;
      if (node.op === 'ge') return c >= 0;
      if (node.op === 'lt') return c < 0;
      return c <= 0;
    }
  }
}

function parseOrderBy(src: string): { path: string[]; desc: boolean }[] {
  return src
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field = '', dir = 'asc'] = part.split(/\s+/);
      if (!/^[A-Za-z_][A-Za-z0-9_/]*$/.test(field) || !/^(asc|desc)$/i.test(dir)) {
        throw badQuery(`'${part}' is not a valid $orderby clause.`);
      }
      return { path: field.split('/'), desc: dir.toLowerCase() === 'desc' };
    });
}

function parseCount(value: string | null, name: string, fallback: number): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value)) throw badQuery(`${name} must be a non-negative integer.`);
  return Number(value);
}

export interface Page<T> {
  Items: T[];
  NextPageLink: string | null;
  Count: number;
}

/**
 * Applies the query options of `url` to `items` (views). `pageBase` is the public URL of the collection,
 * without query, for NextPageLink. $top above 1000 is capped at 1000 (myob.md §3.8: "a maximum of 1000").
 */
export function queryPage<T>(items: T[], url: URL, pageBase: string): Page<T> {
  const q = url.searchParams;
  const filter = q.get('$filter');
  let result = items;
  if (filter?.trim()) {
    const ast = parseFilter(filter);
    result = result.filter((item) => Boolean(evaluate(ast, item)));
  }
  const orderby = q.get('$orderby');
  if (orderby?.trim()) {
    const keys = parseOrderBy(orderby);
    result = [...result].sort((a, b) => {
      for (const k of keys) {
        const c = compare(readPath(a, k.path), readPath(b, k.path)) ?? 0;
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }
  const top = Math.min(parseCount(q.get('$top'), '$top', DEFAULT_TOP), MAX_TOP);
  const skip = parseCount(q.get('$skip'), '$skip', 0);
  const count = result.length;
  const pageItems = result.slice(skip, skip + top);
  let next: string | null = null;
  if (skip + top < count && top > 0) {
    const params: string[] = [];
    if (filter) params.push(`$filter=${encodeURIComponent(filter)}`);
    if (orderby) params.push(`$orderby=${encodeURIComponent(orderby)}`);
    params.push(`$top=${top}`, `$skip=${skip + top}`);
    next = `${pageBase}?${params.join('&')}`;
  }
  return { Items: pageItems, NextPageLink: next, Count: count };
}
