// In-process inspection (sandbox.inspect.*), the same data as GET /inspect/* on the admin host.
import { invoiceViews } from './api/invoices.ts';
import { fileBase, type MyobContext } from './context.ts';
import {
  type ConsentView,
  consentViews,
  type DuplicatesView,
  duplicates,
  type FileSummary,
  fileSummary,
  type StateView,
  stateView,
} from './inspect.ts';
import type { CallStats, CallStatsView } from './limits.ts';

export interface MyobInspect {
  state(): StateView;
  file(businessId: string): FileSummary;
  /** Per API key per file: calls, statuses, 403 RateLimitError count, most calls in any one second. */
  calls(): CallStatsView[];
  duplicates(): DuplicatesView;
  /** Consent date and 12-month expiry per app and file (myob.md §1.4). */
  consents(): ConsentView[];
  /** Invoices exactly as the API returns them. */
  invoices(businessId: string): ReturnType<typeof invoiceViews>;
  invoicesByNumber(businessId: string, number: string): ReturnType<typeof invoiceViews>;
}

export function makeInspect(ctx: MyobContext, stats: CallStats): MyobInspect {
  const views = (businessId: string) =>
    invoiceViews(ctx.state.file(businessId), fileBase(ctx, businessId.toLowerCase()));
  return {
    state: () => stateView(ctx),
    file: (businessId) => fileSummary(ctx, ctx.state.file(businessId)),
    calls: () => stats.view(),
    duplicates: () => duplicates(ctx),
    consents: () => consentViews(ctx),
    invoices: views,
    invoicesByNumber: (businessId, number) => views(businessId).filter((i) => i.Number === number),
  };
}
