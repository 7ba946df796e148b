// Which account, tax code and tracking option a line gets. Each is resolved on its own, from the most
// specific rule that names it:
//   line override > invoice override > then, for accounts, task > category > job type > department >
//   office > tax class > default; for tax codes, the tax class comes first (a GST-free fee must not
//   take the GST code a "Fees" rule names), then task > category > job type > department > office > default.
// The interface's own default codes are the last resort.
import { ACCOUNT_ORDER, type Scope, TAX_ORDER, TRACKING_ORDER } from '../contract/precedence.ts';

export type { Scope };

export interface Rule {
  scope: Scope;
  scopeKey: string;
  accountCode: string | null;
  taxCode: string | null;
  trackingOption: string | null;
}

export interface LineContext {
  officeId: string;
  departmentId: string | null;
  jobTypeId: string | null;
  taskId: string | null;
  category: string;
  taxClassId: string;
  lineAccountOverride: string | null;
  lineTaxOverride: string | null;
  invoiceAccountOverride: string | null;
  invoiceTaxOverride: string | null;
}

export interface Resolved {
  code: string | null;
  /** Which rule gave it, in words for the preview: "Category rule", "Line override", ... */
  source: string;
}

export const SCOPE_NAMES: Record<Scope, string> = {
  default: 'Interface default',
  office: 'Office',
  department: 'Department',
  job_type: 'Job type',
  task: 'Task',
  category: 'Category',
  tax_class: 'Tax class',
};

export class RuleBook {
  private readonly byKey = new Map<string, Rule>();

  constructor(
    rules: readonly Rule[],
    private readonly defaults: { accountCode?: string | undefined; taxCode?: string | undefined } = {},
  ) {
    for (const r of rules) this.byKey.set(`${r.scope}:${r.scopeKey}`, r);
  }

  private keyOf(scope: Scope, ctx: LineContext): string | null {
    switch (scope) {
      case 'default':
        return '';
      case 'office':
        return ctx.officeId;
      case 'department':
        return ctx.departmentId;
      case 'job_type':
        return ctx.jobTypeId;
      case 'task':
        return ctx.taskId;
      case 'category':
        return ctx.category;
      case 'tax_class':
        return ctx.taxClassId;
    }
  }

  private first(
    order: readonly Scope[],
    ctx: LineContext,
    field: 'accountCode' | 'taxCode' | 'trackingOption',
  ): Resolved | null {
    for (const scope of order) {
      const key = this.keyOf(scope, ctx);
      if (key === null) continue;
      const value = this.byKey.get(`${scope}:${key}`)?.[field];
      if (value) return { code: value, source: `${SCOPE_NAMES[scope]} rule` };
    }
    return null;
  }

  account(ctx: LineContext): Resolved {
    if (ctx.lineAccountOverride) return { code: ctx.lineAccountOverride, source: 'Line override' };
    if (ctx.invoiceAccountOverride) return { code: ctx.invoiceAccountOverride, source: 'Invoice override' };
    return (
      this.first(ACCOUNT_ORDER, ctx, 'accountCode') ??
      (this.defaults.accountCode
        ? { code: this.defaults.accountCode, source: 'Interface default' }
        : { code: null, source: 'No rule' })
    );
  }

  tax(ctx: LineContext): Resolved {
    if (ctx.lineTaxOverride) return { code: ctx.lineTaxOverride, source: 'Line override' };
    if (ctx.invoiceTaxOverride) return { code: ctx.invoiceTaxOverride, source: 'Invoice override' };
    return (
      this.first(TAX_ORDER, ctx, 'taxCode') ??
      (this.defaults.taxCode
        ? { code: this.defaults.taxCode, source: 'Interface default' }
        : { code: null, source: 'No rule' })
    );
  }

  tracking(ctx: LineContext): Resolved {
    return this.first(TRACKING_ORDER, ctx, 'trackingOption') ?? { code: null, source: 'No rule' };
  }
}
