// GeneralLedger/TaxCode (myob.md §3.3): read-only.
import { json } from '../../common/http.ts';
import { fileBase } from '../context.ts';
import { rateToJson } from '../money-json.ts';
import type { TaxCodeRecord } from '../types.ts';
import { type ApiRequest, findOr404, list, methodNotAllowed } from './request.ts';

export function taxCodeView(t: TaxCodeRecord, base: string) {
  return {
    UID: t.uid,
    Code: t.code,
    Description: t.description,
    Type: t.type,
    Rate: rateToJson(t.ratePercent),
    IsRateNegative: false,
    TaxCollectedAccount: null,
    TaxPaidAccount: null,
    WithholdingCreditAccount: null,
    WithholdingPayableAccount: null,
    ImportDutyPayableAccount: null,
    LinkedSupplier: null,
    LuxuryCarTaxThreshold: null,
    IsActive: t.isActive,
    URI: `${base}/GeneralLedger/TaxCode/${t.uid}`,
    RowVersion: t.rowVersion,
  };
}

export function taxCodesResource(req: ApiRequest): Response {
  if (req.method !== 'GET') return methodNotAllowed(req);
  const base = fileBase(req.ctx, req.file.id);
  if (req.rest.length === 1)
    return json(taxCodeView(findOr404(req.file.taxCodes, req.rest[0]!, 'TaxCode'), base));
  return list(
    req,
    req.file.taxCodes.map((t) => taxCodeView(t, base)),
  );
}
