// GET {cf_uri}/ -> { CompanyFile, Resources }: the post-connect validation call (myob.md §1.6; SDK
// CompanyFileWithResources.cs). Fields follow the SDK's CompanyFile.cs.
import { json } from '../../common/http.ts';
import { fileBase } from '../context.ts';
import { type ApiRequest, methodNotAllowed } from './request.ts';

export const RESOURCE_PATHS = [
  'GeneralLedger/Account',
  'GeneralLedger/TaxCode',
  'GeneralLedger/Job',
  'Contact/Customer',
  'Sale/Invoice',
  'Sale/Invoice/Service',
  'Sale/CustomerPayment',
];

export function companyFileResource(req: ApiRequest): Response {
  if (req.method !== 'GET' || req.rest.length) return methodNotAllowed(req);
  const base = fileBase(req.ctx, req.file.id);
  return json({
    CompanyFile: {
      Id: req.file.id,
      Name: req.file.name,
      LibraryPath: req.file.name,
      ProductVersion: req.file.productVersion,
      ProductLevel: { Code: 20, Name: 'Plus' },
      CheckedOutDate: null,
      CheckedOutBy: null,
      Uri: base,
      Country: req.file.country,
      LauncherId: null,
      SerialNumber: req.file.serialNumber,
      // 3 = AccountRight and AccountRight Browser (myob.md §1.6).
      UIAccessFlags: 3,
    },
    Resources: RESOURCE_PATHS.map((p) => `${base}/${p}`),
  });
}
