// The words people see for Abtrac's line categories, said the same way by the API, the preview and the
// web app. Plain data (no zod), so the web app can import it as a value.
import type { LINE_CATEGORIES } from '../../db/schema.ts';

export type LineCategory = (typeof LINE_CATEGORIES)[number];

export const CATEGORY_NAMES: Readonly<Record<LineCategory, string>> = {
  fee: 'Fees',
  disbursement: 'Disbursements',
  variation: 'Variations',
  expense: 'Expenses',
};
