// One form for adding a tax class and for changing one: code, name, rate and whether prices include tax.
import { useState } from 'react';
import { api, type TaxClass } from '../../api.ts';
import { CreateForm } from '../../components/CreateForm.tsx';
import { Field } from '../../components/Field.tsx';
import { useSubmit } from '../../useSubmit.ts';

interface Props {
  /** The class being changed; absent to add one. */
  current?: TaxClass | undefined;
  onSaved: (saved: TaxClass) => void;
}

export function TaxClassForm({ current, onSaved }: Props) {
  const [code, setCode] = useState(current?.code ?? '');
  const [name, setName] = useState(current?.name ?? '');
  const [ratePercent, setRate] = useState(current?.ratePercent ?? '');
  const [inclusive, setInclusive] = useState(current?.inclusive ?? false);
  const prefix = current ? `tax-class-${current.id}` : 'tax-class-new';
  const { submit, busy, error, fieldErrors } = useSubmit(
    () =>
      current
        ? api.taxClasses.update(current.id, { code, name, ratePercent, inclusive })
        : api.taxClasses.create({ code, name, ratePercent, inclusive }),
    (saved) => {
      if (!current) {
        setCode('');
        setName('');
        setRate('');
        setInclusive(false);
      }
      onSaved(saved);
    },
  );
  return (
    <CreateForm
      title={current ? `Change ${current.name}` : 'Add a tax class'}
      submitLabel={current ? 'Save changes' : 'Add tax class'}
      busy={busy}
      error={error}
      onSubmit={submit}
      fieldNames={['code', 'name', 'ratePercent', 'inclusive']}
    >
      <Field id={`${prefix}-code`} label="Code" hint="e.g. NZGST" error={fieldErrors.code}>
        {(control) => (
          <input
            {...control}
            className="input-short"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${prefix}-name`} label="Name" hint="e.g. NZ GST 15%" error={fieldErrors.name}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field
        id={`${prefix}-rate`}
        label="Rate (%)"
        hint="Fixed once invoice lines use it"
        error={fieldErrors.ratePercent}
      >
        {(control) => (
          <input
            {...control}
            className="input-short"
            inputMode="decimal"
            value={ratePercent}
            onChange={(e) => setRate(e.target.value)}
          />
        )}
      </Field>
      <div className="field field-check">
        <label>
          <input type="checkbox" checked={inclusive} onChange={(e) => setInclusive(e.target.checked)} />{' '}
          Prices include tax
        </label>
        {fieldErrors.inclusive ? <span className="field-error">{fieldErrors.inclusive}</span> : null}
      </div>
    </CreateForm>
  );
}
