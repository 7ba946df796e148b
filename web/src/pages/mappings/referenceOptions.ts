// Ledger reference data as dropdown choices, shared by the mapping screen and the interface options.
import type { ReferenceData } from '../../api.ts';
import type { CodeOption } from '../../components/CodeCombobox.tsx';
import { formatPercent } from '../../format.ts';

export interface ReferenceOptions {
  accounts: CodeOption[];
  taxRates: CodeOption[];
  tracking: CodeOption[];
}

const note = (status: string) => (status === 'active' ? undefined : status);

/** Archived and deleted codes after active ones, among equally good matches. */
const statusRank = (status: string) => (status === 'active' ? 0 : 2);
const isZero = (rate: string) => /^-?0*(\.0*)?$/.test(rate);

/**
 * Xero names tax rates by tax type (OUTPUT, EXEMPTOUTPUT): identifiers people do not know, so its rates are
 * shown by name with the tax type as secondary text. MYOB's tax codes (GST, FRE) are what people type.
 */
export function referenceOptions(reference: ReferenceData | undefined, provider?: string): ReferenceOptions {
  if (!reference) return { accounts: [], taxRates: [], tracking: [] };
  const taxByName = provider === 'xero';
  return {
    accounts: reference.accounts.map((a) => ({
      value: a.code,
      code: a.code,
      name: a.name,
      note: note(a.status),
      rank: statusRank(a.status),
    })),
    taxRates: reference.taxRates.map((r) => ({
      value: r.code,
      code: r.code,
      name: `${r.name} (${formatPercent(r.ratePercent)}%)`,
      plainName: r.name,
      note: note(r.status),
      nameFirst: taxByName,
      // Typing the tax's name ("GST") means the rate that charges it before one that names it as free.
      rank: statusRank(r.status) + (isZero(r.ratePercent) ? 1 : 0),
    })),
    tracking: reference.tracking.map((t) => ({
      value: t.optionName,
      code: t.optionName,
      name: t.categoryName,
      note: note(t.status),
    })),
  };
}

const ZERO = /^0+(\.0+)?$/;

/** Choices for the rounding line: any active account, and active tax codes at 0% (they add no tax). */
export function roundingOptions(
  reference: ReferenceData | undefined,
): Pick<ReferenceOptions, 'accounts' | 'taxRates'> {
  if (!reference) return { accounts: [], taxRates: [] };
  const all = referenceOptions({
    ...reference,
    accounts: reference.accounts.filter((a) => a.status === 'active'),
    taxRates: reference.taxRates.filter((r) => r.status === 'active' && ZERO.test(r.ratePercent)),
  });
  return { accounts: all.accounts, taxRates: all.taxRates };
}
