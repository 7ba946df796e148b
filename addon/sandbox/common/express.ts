// Mounts a sandbox in the add-on's Express app for demo mode: /sandbox/<name>/<service>/<path>.
import type { Request as ExpressRequest, RequestHandler } from 'express';
import type { Sandbox } from './http.ts';

async function readBody(req: ExpressRequest): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function expressSandbox(sandbox: Sandbox): RequestHandler {
  return async (req, res, next) => {
    // req.url is relative to the mount point: /<service>/<path>?query
    // Anything that is not one of the platform's services (the index page, /inspect/...) goes to 'admin'.
    const pathname = req.path;
    const [, first = '', rest = ''] = /^\/([^/]*)(.*)$/.exec(pathname) ?? [];
    const isService = first !== 'admin' && first in sandbox.hosts;
    const service = isService ? first : 'admin';
    const path = isService ? rest || '/' : pathname;
    if (!(service in sandbox.hosts)) return next();
    const url = new URL(`${req.protocol}://${req.get('host')}${req.originalUrl}`);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (Array.isArray(v)) for (const item of v) headers.append(k, item);
      else if (v !== undefined) headers.set(k, v);
    }
    const body = await readBody(req);
    const request = new Request(url, {
      method: req.method,
      headers,
      body: body?.length ? new Uint8Array(body) : undefined,
    });
    const response = await sandbox.handle(request, { service, path });
    if (response.type === 'error') {
      req.socket.destroy();
      return;
    }
    res.status(response.status);
    response.headers.forEach((value, key) => {
      res.append(key, value);
    });
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}
