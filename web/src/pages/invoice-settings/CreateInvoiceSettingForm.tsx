import { useState } from 'react';
import { api, type InvoiceSetting } from '../../api.ts';
import { CreateForm } from '../../components/CreateForm.tsx';
import { Field } from '../../components/Field.tsx';
import { useSubmit } from '../../useSubmit.ts';

export function CreateInvoiceSettingForm({ onCreated }: { onCreated: (setting: InvoiceSetting) => void }) {
  const [name, setName] = useState('');
  const { submit, busy, error, fieldErrors } = useSubmit(
    () => api.invoiceSettings.create({ name }),
    (setting) => {
      setName('');
      onCreated(setting);
    },
  );
  return (
    <CreateForm
      title="Add an invoice setting"
      submitLabel="Add invoice setting"
      busy={busy}
      error={error}
      onSubmit={submit}
      fieldNames={['name']}
    >
      <Field id="setting-name" label="Name" error={fieldErrors.name}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
    </CreateForm>
  );
}
