// How invoices are written into the ledger: status, contacts, rounding, jobs, and the default codes.
// Saved whole with PUT /options (the API replaces the options and records the change in the audit log).
import { useEffect, useState } from 'react';
import { type AccountsInterface, api, type InterfaceOptions } from '../../api.ts';
import { CodeCombobox } from '../../components/CodeCombobox.tsx';
import { Field } from '../../components/Field.tsx';
import { FormOutcome } from '../../components/Notices.tsx';
import { useSubmit } from '../../useSubmit.ts';
import type { ReferenceOptions } from '../mappings/referenceOptions.ts';

interface Props {
  item: AccountsInterface;
  platform: string;
  options: InterfaceOptions;
  codes: ReferenceOptions;
  /** The whole active chart and the 0% codes, for the rounding line. */
  roundingCodes: Pick<ReferenceOptions, 'accounts' | 'taxRates'>;
  trackingCategories: string[];
  onSaved: () => void;
}

type CodeField = 'roundingAccountCode' | 'roundingTaxCode' | 'defaultAccountCode' | 'defaultTaxCode';

/** Drops empty values: the API wants a field left out rather than blank. */
function clean(options: InterfaceOptions): InterfaceOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as InterfaceOptions;
}

export function OptionsForm({
  item,
  platform,
  options,
  codes,
  roundingCodes,
  trackingCategories,
  onSaved,
}: Props) {
  const [form, setForm] = useState<InterfaceOptions>(options);
  const [notice, setNotice] = useState('');
  useEffect(() => setForm(options), [options]);
  const { submit, busy, error, fieldErrors } = useSubmit(
    () => api.interfaces.saveOptions(item.id, clean(form)),
    () => {
      setNotice('Options saved.');
      onSaved();
    },
  );
  const set = <K extends keyof InterfaceOptions>(key: K, value: InterfaceOptions[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setNotice('');
  };
  const isFile = item.kind === 'file';
  const codeField = (field: CodeField, label: string, list: ReferenceOptions['accounts'], hint: string) => (
    <div className={fieldErrors[field] ? 'field field-invalid' : 'field'}>
      <label htmlFor={`option-${field}-input`} id={`option-${field}-label`}>
        {label}
      </label>
      <CodeCombobox
        id={`option-${field}`}
        label={label}
        options={list}
        value={form[field] ?? null}
        onChange={(v) => set(field, v ?? undefined)}
        emptyLabel="None"
        allowCustom={isFile}
        invalid={Boolean(fieldErrors[field])}
        describedBy={`option-${field}-hint`}
      />
      <span className="field-hint" id={`option-${field}-hint`}>
        {hint}
      </span>
      {fieldErrors[field] ? <span className="field-error">{fieldErrors[field]}</span> : null}
    </div>
  );

  return (
    <section className="panel" aria-labelledby="options-heading">
      <h2 id="options-heading">Options</h2>
      <form onSubmit={submit} noValidate>
        <div className="options-grid">
          {item.provider === 'xero' ? (
            <Field
              id="option-invoiceStatus"
              label="Invoice status in Xero"
              hint="Draft invoices can be checked in Xero before they are approved."
              error={fieldErrors.invoiceStatus}
            >
              {(control) => (
                <select
                  {...control}
                  value={form.invoiceStatus ?? ''}
                  onChange={(e) =>
                    set('invoiceStatus', (e.target.value || undefined) as InterfaceOptions['invoiceStatus'])
                  }
                >
                  <option value="">Platform default (approved)</option>
                  <option value="DRAFT">Draft</option>
                  <option value="SUBMITTED">Awaiting approval</option>
                  <option value="AUTHORISED">Approved</option>
                </select>
              )}
            </Field>
          ) : null}
          {!isFile ? (
            <Field
              id="option-contactPolicy"
              label="Clients without a contact"
              hint={`What to do when a client has no matching contact in ${platform}.`}
              error={fieldErrors.contactPolicy}
            >
              {(control) => (
                <select
                  {...control}
                  value={form.contactPolicy ?? 'match'}
                  onChange={(e) => set('contactPolicy', e.target.value as 'match' | 'create')}
                >
                  <option value="match">Match only: hold the invoice</option>
                  <option value="create">Create the contact</option>
                </select>
              )}
            </Field>
          ) : null}
          {codeField(
            'defaultAccountCode',
            'Default account',
            codes.accounts,
            'For lines no mapping rule covers.',
          )}
          {codeField(
            'defaultTaxCode',
            'Default tax rate',
            codes.taxRates,
            'For lines no mapping rule covers.',
          )}
          {!isFile
            ? codeField(
                'roundingAccountCode',
                'Rounding account',
                roundingCodes.accounts,
                item.provider === 'myob'
                  ? 'MYOB rounds GST once per invoice, Abtrac per line: a rounding line here makes MYOB’s total equal Abtrac’s.'
                  : 'Takes a cent of difference between Abtrac and the ledger’s tax sums.',
              )
            : null}
          {!isFile
            ? codeField(
                'roundingTaxCode',
                'Rounding tax code',
                roundingCodes.taxRates,
                'A code that adds no tax (e.g. N-T), so the rounding line changes only the total.',
              )
            : null}
          {!isFile ? (
            <Field
              id="option-jobTrackingCategory"
              label="Job tracking category"
              hint="The tracking category that records the Abtrac job."
              error={fieldErrors.jobTrackingCategory}
            >
              {(control) =>
                trackingCategories.length ? (
                  <select
                    {...control}
                    value={form.jobTrackingCategory ?? ''}
                    onChange={(e) => set('jobTrackingCategory', e.target.value || undefined)}
                  >
                    <option value="">Do not track jobs</option>
                    {[...new Set([...trackingCategories, form.jobTrackingCategory].filter(Boolean))].map(
                      (c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ),
                    )}
                  </select>
                ) : (
                  <input
                    {...control}
                    value={form.jobTrackingCategory ?? ''}
                    placeholder="No tracking categories pulled"
                    onChange={(e) => set('jobTrackingCategory', e.target.value || undefined)}
                  />
                )
              }
            </Field>
          ) : null}
          {!isFile ? (
            <div className="field field-check">
              <label>
                <input
                  type="checkbox"
                  checked={form.createJobs ?? false}
                  onChange={(e) => set('createJobs', e.target.checked)}
                />{' '}
                Create jobs in {platform} when they are missing
              </label>
              <span className="field-hint">
                Otherwise an invoice whose job is missing is held with a warning.
              </span>
            </div>
          ) : null}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save options'}
          </button>
        </div>
      </form>
      <FormOutcome error={error} notice={notice} />
    </section>
  );
}
