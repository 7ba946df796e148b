import { useEffect, useState } from 'react';
import { type AccountsInterface, api, type ProviderId } from '../../api.ts';
import { CreateForm } from '../../components/CreateForm.tsx';
import { Field } from '../../components/Field.tsx';
import { useSubmit } from '../../useSubmit.ts';

interface Props {
  providers: ProviderId[];
  /** Provider id -> its product name, where the page knows one. */
  providerNames: Map<string, string>;
  /**
   * Providers this server has no credentials for: labelled "not configured" and not chosen by default. They
   * can still be added (to prepare the mappings), but not connected until the server has credentials.
   */
  notConfigured?: ReadonlySet<string>;
  onCreated: (created: AccountsInterface) => void;
}

export function CreateInterfaceForm({ providers, providerNames, notConfigured, onCreated }: Props) {
  const [displayName, setDisplayName] = useState('');
  const [provider, setProvider] = useState<ProviderId | ''>('');
  // Choose the first provider once they arrive, so the form is ready to use.
  useEffect(
    () => setProvider((p) => p || (providers.find((id) => !notConfigured?.has(id)) ?? '')),
    [providers, notConfigured],
  );

  const { submit, busy, error, fieldErrors } = useSubmit(
    // An empty provider is sent as-is so the API's own "is required" message shows beside the field.
    () => api.interfaces.create({ displayName, provider: provider as ProviderId }),
    (created) => {
      setDisplayName('');
      onCreated(created);
    },
  );
  return (
    <CreateForm
      title="Add an accounts interface"
      submitLabel="Add interface"
      busy={busy}
      error={error}
      onSubmit={submit}
      fieldNames={['displayName', 'provider']}
    >
      <Field
        id="interface-name"
        label="Display name"
        hint="e.g. Xero (Perth)"
        error={fieldErrors.displayName}
      >
        {(control) => (
          <input {...control} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        )}
      </Field>
      <Field id="interface-provider" label="Accounting software" error={fieldErrors.provider}>
        {(control) => (
          <select {...control} value={provider} onChange={(e) => setProvider(e.target.value as ProviderId)}>
            {providers.length === 0 ? <option value="">No providers available</option> : null}
            {providers.map((id) => (
              <option key={id} value={id}>
                {providerNames.get(id) ?? id}
                {notConfigured?.has(id) ? ' (not configured)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
    </CreateForm>
  );
}
