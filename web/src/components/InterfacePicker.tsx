// "Which accounts interface?" for the pages that work on one at a time. The choice lives in the address
// (?interface=<id>), so a page can be bookmarked, reloaded or linked to with its interface chosen.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { AccountsInterface } from '../api.ts';

export function useInterfaceParam(interfaces: AccountsInterface[] | undefined) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('interface') ?? '';
  const chosen = interfaces?.find((i) => i.id === asked) ?? interfaces?.[0];
  // Write the default into the address, so reloading keeps it.
  useEffect(() => {
    if (chosen && chosen.id !== asked) {
      setParams(
        (p) => {
          p.set('interface', chosen.id);
          return p;
        },
        { replace: true },
      );
    }
  }, [chosen, asked, setParams]);
  const choose = (id: string) =>
    setParams((p) => {
      const next = new URLSearchParams();
      next.set('interface', id);
      for (const [k, v] of p) if (k !== 'interface') next.set(k, v);
      return next;
    });
  return { interfaceId: chosen?.id, chosen, choose };
}

interface Props {
  interfaces: AccountsInterface[];
  value: string | undefined;
  onChange: (id: string) => void;
  label?: string;
}

export function InterfacePicker({ interfaces, value, onChange, label = 'Accounts interface' }: Props) {
  return (
    <div className="field">
      <label htmlFor="interface-picker">{label}</label>
      <select id="interface-picker" value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {interfaces.map((i) => (
          <option key={i.id} value={i.id}>
            {i.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
