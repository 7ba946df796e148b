// A browser as far as cookies and redirects go, for API tests of sign-in: it keeps the cookies each answer
// sets (per name, path ignored) and sends them back to the app.
export interface CookieBrowser {
  /** GET without following redirects; answers the response (redirect location in `location`). */
  get(url: string): Promise<Response & { location: string | null }>;
  fetch(url: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string): void;
}

export function cookieBrowser(): CookieBrowser {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const doFetch = async (url: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (jar.size) headers.set('cookie', header());
    if (json !== undefined) headers.set('content-type', 'application/json');
    const res = await fetch(url, {
      ...rest,
      headers,
      redirect: 'manual',
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
    remember(res);
    return res;
  };
  return {
    async get(url) {
      const res = await doFetch(url);
      return Object.assign(res, { location: res.headers.get('location') });
    },
    fetch: doFetch,
    cookie: (name) => jar.get(name),
    setCookie: (name, value) => jar.set(name, value),
  };
}
