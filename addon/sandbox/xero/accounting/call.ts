// One authenticated, admitted Accounting API call, as the resource handlers see it.
import type { XeroContext } from '../context.ts';
import type { OrgState } from '../state.ts';

export interface ApiCall {
  ctx: XeroContext;
  org: OrgState;
  tenantId: string;
  clientId: string;
  providerName: string;
  request: Request;
  url: URL;
  method: string;
  /** Path after /api.xro/2.0/, e.g. ["Invoices", "<id>"]. */
  segments: string[];
  bodyText: string;
}
