// A tiny cookie-keeping HTTP client, for driving the running add-on the way a browser would.
export function cookieClient(base: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
  };
  const call = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    if (json !== undefined) headers.set('content-type', 'application/json');
    const url = path.startsWith('http') ? path : `${base}${path}`;
    const res = await fetch(url, {
      redirect: 'manual',
      ...rest,
      headers,
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
    keep(res);
    return res;
  };
  return {
    call,
    json: async <T = Record<string, any>>(
      path: string,
      init?: RequestInit & { json?: unknown },
    ): Promise<T> => {
      const res = await call(path, init);
      const body = await res.json();
      if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
      return body as T;
    },
  };
}
