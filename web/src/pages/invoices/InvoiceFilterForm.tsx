import { useEffect, useState } from 'react';
import type { InvoiceFilters, Office } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { STATUS_LABELS } from './invoiceFilters.ts';

interface Props {
  filters: InvoiceFilters;
  offices: Office[];
  /** The API's per-field messages, e.g. for a malformed date. */
  fieldErrors: Record<string, string>;
  onApply: (filters: InvoiceFilters) => void;
}

/** Filters are applied together with one button, so the list does not jump while a person types. */
export function InvoiceFilterForm({ filters, offices, fieldErrors, onApply }: Props) {
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const set = (key: keyof InvoiceFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value || undefined }));
  const active = Object.values(filters).some(Boolean);

  return (
    <form
      className="panel form-row filters"
      aria-label="Filter invoices"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <Field id="filter-office" label="Office" error={fieldErrors.officeId}>
        {(control) => (
          <select {...control} value={draft.officeId ?? ''} onChange={set('officeId')}>
            <option value="">All offices</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="filter-status" label="Status" error={fieldErrors.status}>
        {(control) => (
          <select {...control} value={draft.status ?? ''} onChange={set('status')}>
            <option value="">All statuses</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="filter-from" label="Date from" error={fieldErrors.from}>
        {(control) => <input {...control} type="date" value={draft.from ?? ''} onChange={set('from')} />}
      </Field>
      <Field id="filter-to" label="Date to" error={fieldErrors.to}>
        {(control) => <input {...control} type="date" value={draft.to ?? ''} onChange={set('to')} />}
      </Field>
      <Field id="filter-number" label="Invoice number" error={fieldErrors.q}>
        {(control) => (
          <input
            {...control}
            type="search"
            className="input-short"
            placeholder="e.g. 10042"
            maxLength={50}
            value={draft.q ?? ''}
            onChange={set('q')}
          />
        )}
      </Field>
      <div className="form-buttons">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
        {active ? (
          <button type="button" className="button button-quiet" onClick={() => onApply({})}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}
