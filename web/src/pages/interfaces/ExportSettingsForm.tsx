// An import-file interface's export settings, in the package's own words: the accounts file's home currency,
// each setting the package's file needs (with its help, and where a rule is uncertain, saying so), and for
// packages whose income account comes from an item, the item per income account. Saved with the other options
// (PUT /options replaces them whole), and shown again in every export preview.
import { useEffect, useState } from 'react';
import { type AccountsInterface, api, type InterfaceOptions, type Provider } from '../../api.ts';
import { Field } from '../../components/Field.tsx';
import { FormOutcome } from '../../components/Notices.tsx';
import { useSubmit } from '../../useSubmit.ts';

interface Props {
  item: AccountsInterface;
  file: NonNullable<Provider['file']>;
  options: InterfaceOptions;
  /** Income account codes the mappings use, offered as rows for their items. */
  mappedAccounts: string[];
  onSaved: () => void;
}

type Row = { account: string; item: string };

export function ExportSettingsForm({ item, file, options, mappedAccounts, onSaved }: Props) {
  const [currency, setCurrency] = useState(options.baseCurrency ?? '');
  const [settings, setSettings] = useState<Record<string, string>>(options.fileSettings ?? {});
  const [items, setItems] = useState<Row[]>([]);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    setCurrency(options.baseCurrency ?? '');
    setSettings(options.fileSettings ?? {});
    const known = Object.entries(options.itemsByAccount ?? {}).map(([account, name]) => ({
      account,
      item: name,
    }));
    const extra = mappedAccounts
      .filter((a) => !known.some((r) => r.account === a))
      .map((a) => ({ account: a, item: '' }));
    setItems([...known, ...extra]);
  }, [options, mappedAccounts]);

  const { submit, busy, error, fieldErrors } = useSubmit(
    () => {
      const fileSettings = Object.fromEntries(Object.entries(settings).filter(([, v]) => v.trim() !== ''));
      const itemsByAccount = Object.fromEntries(
        items.filter((r) => r.account.trim() && r.item.trim()).map((r) => [r.account.trim(), r.item.trim()]),
      );
      const next: InterfaceOptions = { ...options };
      delete next.baseCurrency;
      delete next.fileSettings;
      delete next.itemsByAccount;
      if (currency.trim()) next.baseCurrency = currency.trim();
      if (Object.keys(fileSettings).length) next.fileSettings = fileSettings;
      if (Object.keys(itemsByAccount).length) next.itemsByAccount = itemsByAccount;
      return api.interfaces.saveOptions(item.id, next);
    },
    () => {
      setNotice('Export settings saved. The next preview and export use them.');
      onSaved();
    },
  );

  return (
    <section className="panel" aria-labelledby="export-settings-heading">
      <h2 id="export-settings-heading">Export settings</h2>
      <p className="muted small">
        Names as {item.providerName} uses them. The preview lists the settings each export is written with.
        {file.spreadsheet
          ? ' Names and references are written exactly as in Abtrac; the preview flags text a spreadsheet would treat as a formula, so import the file without opening it in Excel.'
          : ''}
        {file.encoding !== 'utf-8'
          ? ` The file is ${file.encoding === 'windows-1252' ? 'Windows-1252' : file.encoding} text: a character it cannot hold is refused in the preview, with the field to change.`
          : ''}
      </p>
      {file.uncertain.length ? (
        <div className="notice notice-warn" data-testid="uncertain-rules">
          <p className="strong">Not settled by {item.providerName}'s documentation:</p>
          <ul>
            {file.uncertain.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className="options-grid">
          <Field
            id="export-baseCurrency"
            label="Home currency"
            hint={
              file.currencyColumn
                ? `The accounts file's own currency (default ${file.defaultBaseCurrency}); other currencies are written with their code.`
                : `This file cannot name a currency: only invoices in the home currency can be exported (default ${file.defaultBaseCurrency}).`
            }
            error={fieldErrors.baseCurrency}
          >
            {(control) => (
              <input
                {...control}
                value={currency}
                placeholder={file.defaultBaseCurrency}
                maxLength={3}
                onChange={(e) => {
                  setCurrency(e.target.value.toUpperCase());
                  setNotice('');
                }}
              />
            )}
          </Field>
          {file.settings.map((s) => (
            <Field
              key={s.key}
              id={`export-${s.key}`}
              label={`${s.label}${s.required ? ' (required)' : ''}`}
              hint={s.help ?? (s.default ? `Default: ${s.default}` : undefined) ?? ''}
              error={fieldErrors[`fileSettings.${s.key}`]}
            >
              {(control) =>
                s.oneOf ? (
                  <select
                    {...control}
                    value={settings[s.key] ?? s.default ?? ''}
                    onChange={(e) => {
                      setSettings((v) => ({ ...v, [s.key]: e.target.value }));
                      setNotice('');
                    }}
                  >
                    {s.oneOf.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    {...control}
                    value={settings[s.key] ?? ''}
                    placeholder={s.default ?? ''}
                    onChange={(e) => {
                      setSettings((v) => ({ ...v, [s.key]: e.target.value }));
                      setNotice('');
                    }}
                  />
                )
              }
            </Field>
          ))}
        </div>
        {file.usesItems ? (
          <fieldset className="fieldset">
            <legend>Items per income account</legend>
            <p className="muted small">
              {item.providerName} takes each line's income account from its item: name the item
              (Product/Service) that posts to each account you map. A blank item would post to a generic item
              and lose the account.
            </p>
            <table className="table" data-testid="items-by-account">
              <thead>
                <tr>
                  <th scope="col">Income account (as mapped)</th>
                  <th scope="col">Item in {item.providerName}</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and have no id
                  <tr key={i}>
                    <td>
                      <input
                        aria-label={`Income account ${i + 1}`}
                        value={r.account}
                        onChange={(e) =>
                          setItems((rows) =>
                            rows.map((x, j) => (j === i ? { ...x, account: e.target.value } : x)),
                          )
                        }
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Item for ${r.account || `row ${i + 1}`}`}
                        value={r.item}
                        onChange={(e) =>
                          setItems((rows) =>
                            rows.map((x, j) => (j === i ? { ...x, item: e.target.value } : x)),
                          )
                        }
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setItems((rows) => rows.filter((_, j) => j !== i))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button
              type="button"
              className="button button-small"
              onClick={() => setItems((rows) => [...rows, { account: '', item: '' }])}
            >
              Add an account
            </button>
          </fieldset>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save export settings'}
          </button>
        </div>
      </form>
      <FormOutcome error={error} notice={notice} />
    </section>
  );
}
