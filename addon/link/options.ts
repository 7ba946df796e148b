// The interface options checked against the ledger's codes before they are saved: a rounding line needs an
// active account and a code that adds no tax; the defaults must be codes the ledger takes on sales. Bad
// options answer 400 with the field at fault, and nothing is saved.
import type { InterfaceOptions } from '../connectors/types.ts';
import { parseDecimal, RATE_SCALE } from '../domain/money.ts';
import { checkAccount, checkTax } from './code-checks.ts';
import type { ReferenceIndex } from './reference.ts';

export interface OptionProblem {
  field: keyof InterfaceOptions;
  code: string;
  message: string;
}

export function checkOptions(
  options: InterfaceOptions,
  index: ReferenceIndex,
  ledger: { provider: string; taxRounding: 'line' | 'invoice' },
): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const { provider } = ledger;
  if (options.roundingTaxCode && !options.roundingAccountCode) {
    problems.push({
      field: 'roundingAccountCode',
      code: 'rounding_account_missing',
      message: 'A rounding tax code was chosen without a rounding account: choose the account too.',
    });
  }
  // A ledger that rounds tax per invoice takes the rounding line's code as sent: it must be chosen.
  if (options.roundingAccountCode && !options.roundingTaxCode && ledger.taxRounding === 'invoice') {
    problems.push({
      field: 'roundingTaxCode',
      code: 'rounding_tax_missing',
      message: `Choose the tax code of the rounding line: a 0% code ${provider} allows on sales, such as N-T.`,
    });
  }
  if (!index.pulled) return problems; // nothing to check the codes against yet (or an import file)
  if (options.roundingAccountCode) {
    const p = checkAccount(index, options.roundingAccountCode, provider, { anyClass: true });
    if (p) problems.push({ field: 'roundingAccountCode', code: p.code, message: p.message });
  }
  if (options.roundingTaxCode) {
    const rate = index.taxRates.get(options.roundingTaxCode);
    if (rate?.status !== 'active' || parseDecimal(rate.ratePercent, RATE_SCALE) !== 0n) {
      problems.push({
        field: 'roundingTaxCode',
        code: 'rounding_tax_invalid',
        message: `The rounding tax code ${options.roundingTaxCode} must be an active 0% code in ${provider} (e.g. N-T), so the rounding line adds no tax.`,
      });
    }
  }
  if (options.defaultAccountCode) {
    const p = checkAccount(index, options.defaultAccountCode, provider);
    if (p) problems.push({ field: 'defaultAccountCode', code: p.code, message: p.message });
  }
  if (options.defaultTaxCode) {
    const p = checkTax(index, options.defaultTaxCode, options.defaultAccountCode ?? null, provider);
    if (p) problems.push({ field: 'defaultTaxCode', code: p.code, message: p.message });
  }
  return problems;
}
