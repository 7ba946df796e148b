// The read parameters shared by the list endpoints (xero.md §2, §3): If-Modified-Since (UpdatedDateUTC at or
// after it, to the second), `where`, `order`, and paging (`page` from 1, `pageSize` default 100, max 1000).
import { parseIfModifiedSince } from '../dates.ts';
import { compileOrder, compileWhere } from './where.ts';

export interface ListResult<T> {
  items: T[];
  pagination?: { page: number; pageSize: number; pageCount: number; itemCount: number };
}

export interface ListOptions<T> {
  updatedAt: (item: T) => number;
  /** The JSON the client would see, which `where` and `order` read. */
  view: (item: T) => unknown;
  paged: boolean;
  defaultOrder?: (a: T, b: T) => number;
}

/** Throws WhereSyntaxError on a bad where/order. */
export function listQuery<T>(items: T[], url: URL, request: Request, opts: ListOptions<T>): ListResult<T> {
  const q = url.searchParams;
  let out = items;
  const since = parseIfModifiedSince(request.headers.get('if-modified-since'));
  if (since !== undefined) {
    const floor = Math.floor(since / 1000) * 1000;
    out = out.filter((i) => opts.updatedAt(i) >= floor);
  }
  const where = q.get('where');
  if (where?.trim()) {
    const test = compileWhere(where);
    out = out.filter((i) => test(opts.view(i)));
  }
  const order = q.get('order');
  if (order?.trim()) {
    const cmp = compileOrder(order);
    out = [...out].sort((a, b) => cmp(opts.view(a), opts.view(b)));
  } else if (opts.defaultOrder) {
    out = [...out].sort(opts.defaultOrder);
  }
  if (!opts.paged) return { items: out };
  const pageParam = q.get('page');
  const sizeParam = q.get('pageSize');
  if (pageParam === null && sizeParam === null) return { items: out };
  const page = Math.max(1, Number.parseInt(pageParam ?? '1', 10) || 1);
  const pageSize = Math.min(1000, Math.max(1, Number.parseInt(sizeParam ?? '100', 10) || 100));
  const itemCount = out.length;
  return {
    items: out.slice((page - 1) * pageSize, page * pageSize),
    pagination: { page, pageSize, pageCount: Math.ceil(itemCount / pageSize), itemCount },
  };
}

/** Xero's default order: UpdatedDateUTC ASC, then id (xero.md §2). */
export function byUpdatedThenId<T>(updatedAt: (i: T) => number, id: (i: T) => string) {
  return (a: T, b: T) => updatedAt(a) - updatedAt(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

/** Comma-separated ids (IDs=, InvoiceNumbers=, ContactIDs=, Statuses=). */
export function listParam(url: URL, name: string): string[] | undefined {
  const key = [...url.searchParams.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key ? url.searchParams.get(key) : null;
  if (!raw) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function queryParam(url: URL, name: string): string | null {
  const key = [...url.searchParams.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? url.searchParams.get(key) : null;
}
