// Which mapping rule wins, said once for the engine that resolves the codes and for the page that explains
// it. Plain data (no zod), so the web app can import it as a value.
import type { MAPPING_SCOPES } from '../../db/schema.ts';

export type Scope = (typeof MAPPING_SCOPES)[number];

/** Accounts: the most specific rule first; the tax class only just before the default. */
export const ACCOUNT_ORDER: readonly Scope[] = [
  'task',
  'category',
  'job_type',
  'department',
  'office',
  'tax_class',
  'default',
];
/** Tax rates: the tax class first, so a GST-free fee never takes the GST code a "Fees" rule names. */
export const TAX_ORDER: readonly Scope[] = [
  'tax_class',
  'task',
  'category',
  'job_type',
  'department',
  'office',
  'default',
];
/** Tracking: tax classes say nothing about tracking. */
export const TRACKING_ORDER: readonly Scope[] = [
  'task',
  'category',
  'job_type',
  'department',
  'office',
  'default',
];

/** The rule groups' names, as the mapping page titles them. */
export const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  default: 'Default',
  office: 'Office',
  department: 'Department',
  job_type: 'Job type',
  task: 'Task',
  category: 'Category',
  tax_class: 'Tax class',
};

/** "task, category, job type, department, office, tax class, default" */
export function orderInWords(order: readonly Scope[]): string {
  return order.map((s) => SCOPE_TITLES[s].toLowerCase()).join(', ');
}
