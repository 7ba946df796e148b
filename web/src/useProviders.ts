import { api, type Provider } from './api.ts';
import { useResource } from './useResource.ts';

/** The accounting packages, by id. A provider the API does not list (e.g. a test ledger) shows its id. */
export function useProviders() {
  const { data } = useResource('providers', api.providerList);
  const byId = new Map<string, Provider>(data?.map((p) => [p.id, p]));
  return {
    providers: data,
    name: (id: string) => byId.get(id)?.displayName ?? id,
    get: (id: string) => byId.get(id),
  };
}
