import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { CATEGORY_NAMES } from '../../../../addon/contract/categories.ts';
import {
  ACCOUNT_ORDER,
  orderInWords,
  TAX_ORDER,
  TRACKING_ORDER,
} from '../../../../addon/contract/precedence.ts';
import { type ApiError, api, type Mapping, type MappingInput, toApiError } from '../../api.ts';
import { CodeCombobox } from '../../components/CodeCombobox.tsx';
import { InterfacePicker, useInterfaceParam } from '../../components/InterfacePicker.tsx';
import { Empty, ErrorNotice, Loading } from '../../components/Notices.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, formatPercent } from '../../format.ts';
import { useResource } from '../../useResource.ts';
import { referenceOptions } from './referenceOptions.ts';
import { UnmappedPanel } from './UnmappedPanel.tsx';

type Scope = MappingInput['scope'];
type Codes = Pick<MappingInput, 'accountCode' | 'taxCode' | 'trackingOption'>;
type Field = keyof Codes;

interface RuleRow {
  key: string;
  scope: Scope;
  scopeKey: string;
  name: string;
}

interface RuleGroup {
  scope: Scope;
  title: string;
  hint: string;
  rows: RuleRow[];
}

const EMPTY: Codes = { accountCode: null, taxCode: null, trackingOption: null };
const CATEGORIES = Object.entries(CATEGORY_NAMES);

const keyOf = (scope: string, scopeKey: string) => `${scope}:${scopeKey}`;
const isEmpty = (c: Codes | undefined) => !c || (!c.accountCode && !c.taxCode && !c.trackingOption);

async function loadLists() {
  const [interfaces, offices, departments, jobTypes, tasks, taxClasses] = await Promise.all([
    api.interfaces.list(),
    api.offices.list(),
    api.departments.list(),
    api.jobTypes.list(),
    api.tasks.list(),
    api.taxClasses.list(),
  ]);
  return { interfaces, offices, departments, jobTypes, tasks, taxClasses };
}

async function loadRules(interfaceId: string) {
  const [reference, mappings] = await Promise.all([
    api.interfaces.reference(interfaceId),
    api.interfaces.mappings(interfaceId),
  ]);
  return { reference, mappings };
}

export function MappingsPage() {
  const lists = useResource('mapping-lists', loadLists);
  const apiInterfaces = useMemo(
    () => lists.data?.interfaces.filter((i) => i.kind === 'api'),
    [lists.data?.interfaces],
  );
  const { interfaceId, chosen, choose } = useInterfaceParam(lists.data?.interfaces);
  const rules = useResource(`mappings:${interfaceId ?? ''}`, () =>
    interfaceId ? loadRules(interfaceId) : Promise.resolve(undefined),
  );
  const [unmappedVersion, setUnmappedVersion] = useState(0);

  const options = useMemo(
    () => referenceOptions(rules.data?.reference, chosen?.provider),
    [rules.data?.reference, chosen?.provider],
  );
  const [saved, setSaved] = useState<Mapping[]>([]);
  const [draft, setDraft] = useState<Record<string, Codes>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, Partial<Record<Field, string>>>>({});
  const [saveError, setSaveError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  // A new interface (or a reload) starts the form from what is saved.
  useEffect(() => {
    const mappings = rules.data?.mappings ?? [];
    setSaved(mappings);
    setDraft(Object.fromEntries(mappings.map((m) => [keyOf(m.scope, m.scopeKey), pick(m)])));
    setFieldErrors({});
    setSaveError(undefined);
  }, [rules.data?.mappings]);

  const groups = useMemo<RuleGroup[]>(() => {
    if (!lists.data) return [];
    const d = lists.data;
    const coded = (scope: Scope, items: { id: string; code: string; name: string }[]) =>
      items.map((i) => ({ key: keyOf(scope, i.id), scope, scopeKey: i.id, name: `${i.name} (${i.code})` }));
    const result: RuleGroup[] = [
      {
        scope: 'default',
        title: 'Default',
        hint: 'Used when no narrower rule applies.',
        rows: [{ key: keyOf('default', ''), scope: 'default', scopeKey: '', name: 'Every line' }],
      },
      {
        scope: 'office',
        title: 'Office',
        hint: 'Lines on invoices of the office.',
        rows: coded('office', d.offices),
      },
      {
        scope: 'department',
        title: 'Department',
        hint: 'Lines on jobs of the department.',
        rows: coded('department', d.departments),
      },
      {
        scope: 'job_type',
        title: 'Job type',
        hint: 'Lines on jobs of the type.',
        rows: coded('job_type', d.jobTypes),
      },
      { scope: 'task', title: 'Task', hint: 'Lines for the task.', rows: coded('task', d.tasks) },
      {
        scope: 'category',
        title: 'Category',
        hint: 'Fees, disbursements, variations and expenses.',
        rows: CATEGORIES.map(([key, name]) => ({
          key: keyOf('category', key),
          scope: 'category',
          scopeKey: key,
          name,
        })),
      },
      {
        scope: 'tax_class',
        title: 'Tax class',
        hint: 'Lines with the Abtrac tax class.',
        rows: d.taxClasses.map((t) => ({
          key: keyOf('tax_class', t.id),
          scope: 'tax_class' as const,
          scopeKey: t.id,
          name: `${t.name} (${t.code}, ${formatPercent(t.ratePercent)}%)`,
        })),
      },
    ];
    // A saved rule for something no longer listed still shows, so it can be seen and removed.
    for (const m of saved) {
      const group = result.find((g) => g.scope === m.scope);
      if (group && !group.rows.some((r) => r.key === keyOf(m.scope, m.scopeKey))) {
        group.rows.push({
          key: keyOf(m.scope, m.scopeKey),
          scope: m.scope,
          scopeKey: m.scopeKey,
          name: m.label,
        });
      }
    }
    return result;
  }, [lists.data, saved]);

  const savedByKey = useMemo(() => new Map(saved.map((m) => [keyOf(m.scope, m.scopeKey), m])), [saved]);
  const changed = groups
    .flatMap((g) => g.rows)
    .filter((r) => !sameCodes(draft[r.key], savedByKey.get(r.key)));

  function setCode(key: string, field: Field, value: string | null) {
    setDraft((d) => ({ ...d, [key]: { ...(d[key] ?? EMPTY), [field]: value } }));
    setNotice('');
  }

  async function save() {
    if (!interfaceId || busy) return;
    // Every rule with a code, and every saved rule (sent empty when cleared, so the API removes it).
    const rows = groups.flatMap((g) => g.rows).filter((r) => !isEmpty(draft[r.key]) || savedByKey.has(r.key));
    setBusy(true);
    setSaveError(undefined);
    setFieldErrors({});
    try {
      const next = await api.interfaces.saveMappings(
        interfaceId,
        rows.map((r) => ({ scope: r.scope, scopeKey: r.scopeKey, ...(draft[r.key] ?? EMPTY) })),
      );
      setSaved(next);
      setDraft(Object.fromEntries(next.map((m) => [keyOf(m.scope, m.scopeKey), pick(m)])));
      setNotice(`Mappings saved: ${next.length} ${next.length === 1 ? 'rule' : 'rules'}.`);
      setUnmappedVersion((v) => v + 1);
    } catch (e) {
      const error = toApiError(e);
      setSaveError(error);
      const perRow: Record<string, Partial<Record<Field, string>>> = {};
      for (const [name, message] of Object.entries(error.fields)) {
        const match = /^mappings\.(\d+)\.(\w+)$/.exec(name);
        const row = match ? rows[Number(match[1])] : undefined;
        if (!row || !match) continue;
        const field = (
          ['accountCode', 'taxCode', 'trackingOption'].includes(match[2]!) ? match[2] : 'accountCode'
        ) as Field;
        perRow[row.key] = { ...perRow[row.key], [field]: message };
      }
      setFieldErrors(perRow);
    } finally {
      setBusy(false);
    }
  }

  const pulled = rules.data?.reference.pulledAt.accounts;
  return (
    <>
      <PageHeader
        title="Mappings"
        description="Which account, tax rate and tracking option each invoice line gets. A line's own override wins, then the invoice's; otherwise the first rule that names a code, in this order:"
      />
      <ul className="precedence" data-testid="precedence">
        <li>Account: {orderInWords(ACCOUNT_ORDER)}.</li>
        <li>Tax rate: {orderInWords(TAX_ORDER)} (a GST-free line keeps its tax class's rate).</li>
        <li>Tracking option: {orderInWords(TRACKING_ORDER)}.</li>
      </ul>
      <ErrorNotice error={lists.error} title="The lists could not be loaded." />
      {!lists.data && lists.loading ? <Loading what="mappings" /> : null}
      {lists.data && lists.data.interfaces.length === 0 ? (
        <Empty>
          There are no accounts interfaces yet. Add one under{' '}
          <Link to="/accounting/interfaces">Interface settings</Link>.
        </Empty>
      ) : null}
      {lists.data && chosen ? (
        <div className="panel toolbar">
          <InterfacePicker interfaces={lists.data.interfaces} value={interfaceId} onChange={choose} />
          <p className="toolbar-note">
            {chosen.kind === 'file'
              ? 'This interface writes import files: codes are typed as the package expects them.'
              : pulled
                ? `Codes pulled ${formatDateTime(pulled)}. `
                : 'No codes have been pulled yet. '}
            <Link to={`/accounting/interfaces/${chosen.id}`}>Refresh codes on the interface page</Link>
          </p>
        </div>
      ) : null}
      {apiInterfaces && apiInterfaces.length === 0 && lists.data?.interfaces.length ? (
        <p className="muted">Only import-file interfaces exist: their files use the codes mapped here too.</p>
      ) : null}
      <ErrorNotice error={rules.error} title="The mappings could not be loaded." />
      {interfaceId && !rules.data && rules.loading ? <Loading what="mapping rules" /> : null}
      {interfaceId && rules.data ? (
        <>
          <UnmappedPanel interfaceId={interfaceId} version={unmappedVersion} />
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
            noValidate
          >
            <div className="table-wrap mapping-table-wrap">
              <table className="table mapping-table">
                <caption className="visually-hidden">Mapping rules for {chosen?.displayName}</caption>
                <thead>
                  <tr>
                    <th scope="col">Applies to</th>
                    <th scope="col">Account</th>
                    <th scope="col">Tax rate</th>
                    <th scope="col">Tracking option</th>
                  </tr>
                </thead>
                {groups.map((group) => (
                  <tbody key={group.scope}>
                    <tr className="group-row">
                      <th scope="colgroup" colSpan={4}>
                        {group.title} <span className="muted group-hint">{group.hint}</span>
                      </th>
                    </tr>
                    {group.rows.length === 0 ? (
                      <tr>
                        <td colSpan={4} className="muted">
                          None in Abtrac.
                        </td>
                      </tr>
                    ) : null}
                    {group.rows.map((row) => {
                      const codes = draft[row.key] ?? EMPTY;
                      const errors = fieldErrors[row.key] ?? {};
                      const problems = savedByKey.get(row.key)?.problems ?? [];
                      const unchanged = sameCodes(codes, savedByKey.get(row.key));
                      const label = `${group.title} ${row.name}`;
                      const cell = (
                        field: Field,
                        title: string,
                        list: typeof options.accounts,
                        empty: string,
                      ) => {
                        const id = `map-${row.key}-${field}`.replace(/[^\w-]/g, '-');
                        return (
                          <td>
                            <CodeCombobox
                              id={id}
                              label={`${title} for ${label}`}
                              options={list}
                              value={codes[field]}
                              onChange={(v) => setCode(row.key, field, v)}
                              emptyLabel={empty}
                              allowCustom={chosen?.kind === 'file'}
                              invalid={Boolean(errors[field])}
                              describedBy={errors[field] ? `${id}-error` : undefined}
                            />
                            {errors[field] ? (
                              <p className="inline-error" id={`${id}-error`}>
                                {errors[field]}
                              </p>
                            ) : null}
                          </td>
                        );
                      };
                      return (
                        <tr
                          key={row.key}
                          data-rule={row.key}
                          className={unchanged ? undefined : 'is-changed'}
                        >
                          <th scope="row">
                            {row.name}
                            {!unchanged ? <span className="block muted">Not saved yet</span> : null}
                            {unchanged && problems.length
                              ? problems.map((p) => (
                                  <span key={p} className="block problem-text">
                                    {p}
                                  </span>
                                ))
                              : null}
                          </th>
                          {cell('accountCode', 'Account', options.accounts, 'No account')}
                          {cell('taxCode', 'Tax rate', options.taxRates, 'No tax rate')}
                          {cell('trackingOption', 'Tracking option', options.tracking, 'No tracking')}
                        </tr>
                      );
                    })}
                  </tbody>
                ))}
              </table>
            </div>
            <div className="sticky-actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save mappings'}
              </button>
              <span
                className={saveError ? 'problem-text' : notice ? 'good-text' : 'muted'}
                aria-live="polite"
              >
                {saveError
                  ? saveError.message
                  : changed.length
                    ? `${changed.length} ${changed.length === 1 ? 'rule has' : 'rules have'} unsaved changes.`
                    : notice || 'All changes saved.'}
              </span>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
}

function pick(m: Codes): Codes {
  return { accountCode: m.accountCode, taxCode: m.taxCode, trackingOption: m.trackingOption };
}

function sameCodes(a: Codes | undefined, b: Codes | undefined) {
  const x = a ?? EMPTY;
  const y = b ?? EMPTY;
  return x.accountCode === y.accountCode && x.taxCode === y.taxCode && x.trackingOption === y.trackingOption;
}
