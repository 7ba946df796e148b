// GeneralLedger/Account: read-only here (myob.md §3.2). Only detail (IsHeader false), active accounts can
// be posted to; the invoice validation enforces that.
import { json } from '../../common/http.ts';
import { fileBase } from '../context.ts';
import type { AccountRecord } from '../types.ts';
import { type Refs, refs } from './refs.ts';
import { type ApiRequest, findOr404, list, methodNotAllowed } from './request.ts';

export function accountView(a: AccountRecord, r: Refs, base: string) {
  return {
    UID: a.uid,
    Name: a.name,
    DisplayID: a.displayId,
    Classification: a.classification,
    Type: a.type,
    // The digits after the dash: 4-1234 -> 1234 (myob.md §3.2).
    Number: Number(a.displayId.slice(2)),
    Description: a.description,
    ParentAccount: r.account(a.parentUid),
    IsActive: a.isActive,
    TaxCode: r.taxCode(a.taxCodeUid),
    Level: a.level,
    OpeningBalance: 0,
    CurrentBalance: 0,
    BankingDetails: null,
    IsHeader: a.isHeader,
    ForeignCurrency: null,
    URI: `${base}/GeneralLedger/Account/${a.uid}`,
    RowVersion: a.rowVersion,
  };
}

export function accountsResource(req: ApiRequest): Response {
  if (req.method !== 'GET') return methodNotAllowed(req);
  const base = fileBase(req.ctx, req.file.id);
  const r = refs(req.file, base);
  if (req.rest.length === 1)
    return json(accountView(findOr404(req.file.accounts, req.rest[0]!, 'Account'), r, base));
  return list(
    req,
    req.file.accounts.map((a) => accountView(a, r, base)),
  );
}
