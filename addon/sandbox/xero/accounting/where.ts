// The `where` and `order` query parameters (xero.md §2, §2.4): a small C#-like expression language. This
// covers what integrations send: ==, !=, <, >, <=, >=, AND/OR/&&/||, NOT, parentheses, "strings", numbers,
// true/false/null, Guid("…"), DateTime(y,m,d[,h,m,s]), and the methods ToLower(), ToUpper(), Contains(),
// StartsWith(), EndsWith() on fields (Name.ToLower()=="x", Contact.ContactID==Guid("…")). It evaluates
// against the JSON the API returns, so every field a client can see can be filtered.
import { msDateValue } from '../dates.ts';

export class WhereSyntaxError extends Error {}

export type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'punct'; v: '(' | ')' | ',' | '.' };

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        s += src[i++];
      }
      if (src[i] !== '"') throw new WhereSyntaxError('Unterminated string');
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '>=', '<=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if (c === '<' || c === '>' || c === '!') {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '.') {
      out.push({ t: 'punct', v: c });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    throw new WhereSyntaxError(`Unexpected character '${c}'`);
  }
  return out;
}

type Value = string | number | boolean | null | undefined;
type Node = (record: unknown) => Value;

/** Case-insensitive property lookup along a dotted path. */
function getPath(record: unknown, path: string[]): Value {
  let cur: unknown = record;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const obj = cur as Record<string, unknown>;
    const k = Object.keys(obj).find((p) => p.toLowerCase() === key.toLowerCase());
    cur = k === undefined ? undefined : obj[k];
  }
  if (cur === null || ['string', 'number', 'boolean'].includes(typeof cur)) return cur as Value;
  return undefined;
}

function comparable(v: Value): Value {
  if (typeof v === 'string') {
    const ms = msDateValue(v);
    if (ms !== undefined) return ms;
  }
  return v;
}

function compare(op: string, a: Value, b: Value): boolean {
  const x = comparable(a);
  const y = comparable(b);
  if (op === '==') {
    if (x == null || y == null) return x == null && y == null;
    // Exact match; GUIDs compare without regard to case (Guid("…") literals are lower-cased).
    if (typeof x === 'string' && typeof y === 'string' && isGuid(x))
      return x.toLowerCase() === y.toLowerCase();
    return x === y;
  }
  if (op === '!=') return !compare('==', a, b);
  if (x == null || y == null) return false;
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  if (op === '<=') return x <= y;
  return x >= y;
}

function isGuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new WhereSyntaxError('Unexpected end of expression');
    return t;
  }

  private expect(v: string) {
    const t = this.next();
    if (t.v !== v) throw new WhereSyntaxError(`Expected '${v}'`);
  }

  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.t === 'id' && t.v.toUpperCase() === word;
  }

  parse(): Node {
    const node = this.or();
    if (this.i < this.tokens.length) throw new WhereSyntaxError('Unexpected token after expression');
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord('OR') || this.peek()?.v === '||') {
      this.next();
      const l = left;
      const r = this.and();
      left = (rec) => Boolean(l(rec)) || Boolean(r(rec));
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.isWord('AND') || this.peek()?.v === '&&') {
      this.next();
      const l = left;
      const r = this.unary();
      left = (rec) => Boolean(l(rec)) && Boolean(r(rec));
    }
    return left;
  }

  private unary(): Node {
    if (this.isWord('NOT') || this.peek()?.v === '!') {
      this.next();
      const inner = this.unary();
      return (rec) => !inner(rec);
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.operand();
    const t = this.peek();
    if (t?.t === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(t.v)) {
      this.next();
      const right = this.operand();
      return (rec) => compare(t.v, left(rec), right(rec));
    }
    return left;
  }

  private args(): Value[] {
    this.expect('(');
    const values: Value[] = [];
    while (this.peek()?.v !== ')') {
      const t = this.next();
      if (t.t === 'str' || t.t === 'num') values.push(t.v);
      else throw new WhereSyntaxError('Only literal arguments are supported');
      if (this.peek()?.v === ',') this.next();
    }
    this.expect(')');
    return values;
  }

  private operand(): Node {
    const t = this.next();
    if (t.v === '(' && t.t === 'punct') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.t === 'str' || t.t === 'num') return () => t.v;
    if (t.t !== 'id') throw new WhereSyntaxError(`Unexpected '${t.v}'`);
    const word = t.v;
    if (word === 'true' || word === 'false') return () => word === 'true';
    if (word === 'null') return () => null;
    if (word === 'Guid') {
      const [g] = this.args();
      return () => String(g).toLowerCase();
    }
    if (word === 'DateTime') {
      if (this.peek()?.v === '.') {
        // DateTime.Parse("2026-01-01")
        this.next();
        this.next();
        const [s] = this.args();
        const ms = Date.parse(/T|Z/.test(String(s)) ? String(s) : `${s}T00:00:00Z`);
        return () => ms;
      }
      const [y, m = 1, d = 1, h = 0, mi = 0, s = 0] = this.args().map(Number);
      const ms = Date.UTC(y!, m - 1, d, h, mi, s);
      return () => ms;
    }
    // A field path with optional method calls.
    const path = [word];
    let node: Node = (rec) => getPath(rec, path);
    while (this.peek()?.v === '.') {
      this.next();
      const name = this.next();
      if (name.t !== 'id') throw new WhereSyntaxError('Expected a name after "."');
      if (this.peek()?.v !== '(') {
        path.push(name.v);
        continue;
      }
      const args = this.args();
      const base = node;
      const arg = String(args[0] ?? '');
      switch (name.v) {
        case 'ToLower':
          node = (rec) => (typeof base(rec) === 'string' ? (base(rec) as string).toLowerCase() : base(rec));
          break;
        case 'ToUpper':
          node = (rec) => (typeof base(rec) === 'string' ? (base(rec) as string).toUpperCase() : base(rec));
          break;
        case 'Contains':
          node = (rec) => String(base(rec) ?? '').includes(arg);
          break;
        case 'StartsWith':
          node = (rec) => String(base(rec) ?? '').startsWith(arg);
          break;
        case 'EndsWith':
          node = (rec) => String(base(rec) ?? '').endsWith(arg);
          break;
        default:
          throw new WhereSyntaxError(`Method ${name.v} is not supported`);
      }
    }
    return node;
  }
}

export function compileWhere(expression: string): (record: unknown) => boolean {
  const node = new Parser(tokenize(expression)).parse();
  return (record) => Boolean(node(record));
}

/** `order=Name ASC, UpdatedDateUTC DESC`. */
export function compileOrder(order: string): (a: unknown, b: unknown) => number {
  const keys = order
    .split(',')
    .map((part) => part.trim().split(/\s+/))
    .filter(([f]) => f)
    .map(([field, dir]) => {
      if (!/^[A-Za-z_][\w.]*$/.test(field!)) throw new WhereSyntaxError(`Invalid order field ${field}`);
      return { path: field!.split('.'), desc: (dir ?? '').toUpperCase() === 'DESC' };
    });
  return (a, b) => {
    for (const k of keys) {
      const x = comparable(getPath(a, k.path));
      const y = comparable(getPath(b, k.path));
      if (x === y) continue;
      if (x == null) return k.desc ? 1 : -1;
      if (y == null) return k.desc ? -1 : 1;
      const r = x < y ? -1 : 1;
      return k.desc ? -r : r;
    }
    return 0;
  };
}
