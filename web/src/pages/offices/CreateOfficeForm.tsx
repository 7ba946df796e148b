import { useState } from 'react';
import { api, type Office } from '../../api.ts';
import { CreateForm } from '../../components/CreateForm.tsx';
import { Field } from '../../components/Field.tsx';
import { useSubmit } from '../../useSubmit.ts';

export function CreateOfficeForm({ onCreated }: { onCreated: (office: Office) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { submit, busy, error, fieldErrors } = useSubmit(
    () => api.offices.create({ code, name }),
    (office) => {
      setCode('');
      setName('');
      onCreated(office);
    },
  );
  return (
    <CreateForm
      title="Add an office"
      submitLabel="Add office"
      busy={busy}
      error={error}
      onSubmit={submit}
      fieldNames={['code', 'name']}
    >
      <Field id="office-code" label="Code" hint="Short code, e.g. PER" error={fieldErrors.code}>
        {(control) => (
          <input
            {...control}
            className="input-short"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
      </Field>
      <Field id="office-name" label="Name" error={fieldErrors.name}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
    </CreateForm>
  );
}
