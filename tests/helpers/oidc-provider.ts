// The tests' own OpenID Connect provider on loopback: discovery, JWKS, an authorize page listing its
// people (a button each), a token endpoint checking client secret, PKCE and redirect URI, and id_tokens
// signed with its RS256 key. `misbehave` makes the next id_token wrong in one way, so tests can show the
// add-on refuses it. Written from the OpenID Connect Core and Discovery specifications, not from the add-on.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface IdpUser {
  sub: string;
  email: string;
  name: string;
}

export type Misbehaviour = 'bad-signature' | 'wrong-audience' | 'wrong-issuer' | 'wrong-nonce' | 'expired';

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  users: IdpUser[];
  /** The next id_token is wrong in this way (once). */
  misbehave(how: Misbehaviour): void;
  /** Approves a pending authorize request (from its URL) as a user; answers the redirect back to the app. */
  approve(authorizeUrl: string, sub: string): Promise<string>;
  close(): Promise<void>;
}

interface Pending {
  redirectUri: string;
  state: string;
  nonce: string | undefined;
  challenge: string;
}

export async function startTestIdp(options: { name?: string; users: IdpUser[] }): Promise<TestIdp> {
  const clientId = `client-${randomUUID()}`;
  const clientSecret = randomBytes(16).toString('hex');
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const requests = new Map<string, Pending & { clientId: string }>();
  const codes = new Map<string, Pending & { sub: string }>();
  let next: Misbehaviour | undefined;
  let issuer = '';

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  };

  async function idToken(p: Pending & { sub: string }) {
    const user = options.users.find((u) => u.sub === p.sub)!;
    const how = next;
    next = undefined;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      email: user.email,
      email_verified: true,
      name: user.name,
      ...(p.nonce ? { nonce: how === 'wrong-nonce' ? 'not-the-nonce' : p.nonce } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(how === 'wrong-issuer' ? 'https://impostor.example' : issuer)
      .setSubject(user.sub)
      .setAudience(how === 'wrong-audience' ? 'someone-else' : clientId)
      .setIssuedAt(how === 'expired' ? now - 7200 : now)
      .setExpirationTime(how === 'expired' ? now - 3600 : now + 300)
      .sign(how === 'bad-signature' ? other.privateKey : privateKey);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    try {
      if (url.pathname === '/.well-known/openid-configuration') {
        return send(res, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
          scopes_supported: ['openid', 'profile', 'email'],
        });
      }
      if (url.pathname === '/jwks') return send(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        const q = url.searchParams;
        if (q.get('client_id') !== clientId) return send(res, 400, 'unknown client', 'text/plain');
        if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
          return send(res, 400, 'code flow with S256 only', 'text/plain');
        }
        const id = randomUUID();
        requests.set(id, {
          clientId,
          redirectUri: q.get('redirect_uri') ?? '',
          state: q.get('state') ?? '',
          nonce: q.get('nonce') ?? undefined,
          challenge: q.get('code_challenge') ?? '',
        });
        const buttons = options.users
          .map(
            (u) =>
              `<p><a role="button" href="/approve?request=${id}&sub=${encodeURIComponent(u.sub)}">Continue as ${u.name}</a></p>`,
          )
          .join('');
        return send(
          res,
          200,
          `<!doctype html><title>${options.name ?? 'Test identity'}</title><h1>Sign in to ${options.name ?? 'Test identity'}</h1>${buttons}`,
          'text/html',
        );
      }
      if (url.pathname === '/approve') {
        const pending = requests.get(url.searchParams.get('request') ?? '');
        const sub = url.searchParams.get('sub') ?? '';
        if (!pending || !options.users.some((u) => u.sub === sub))
          return send(res, 400, 'no such request', 'text/plain');
        requests.delete(url.searchParams.get('request')!);
        const code = randomBytes(16).toString('hex');
        codes.set(code, { ...pending, sub });
        const back = new URL(pending.redirectUri);
        back.searchParams.set('code', code);
        back.searchParams.set('state', pending.state);
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const body = await readBody(req);
        const basic = Buffer.from(
          (req.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        ).toString();
        const [id, secret] = basic.split(':').map(decodeURIComponent);
        if (id !== clientId || secret !== clientSecret) return send(res, 401, { error: 'invalid_client' });
        const grant = codes.get(body.get('code') ?? '');
        codes.delete(body.get('code') ?? '');
        const verifier = body.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!grant || grant.redirectUri !== body.get('redirect_uri') || grant.challenge !== challenge) {
          return send(res, 400, { error: 'invalid_grant' });
        }
        return send(res, 200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'openid profile email',
          id_token: await idToken(grant),
        });
      }
      send(res, 404, 'not found', 'text/plain');
    } catch (e) {
      send(res, 500, String(e), 'text/plain');
    }
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    users: options.users,
    misbehave: (how) => {
      next = how;
    },
    async approve(authorizeUrl, sub) {
      const page = await (await fetch(authorizeUrl)).text();
      const href = /href="(\/approve\?request=[^&]+)&/.exec(page)?.[1];
      if (!href) throw new Error(`authorize refused: ${page}`);
      const res = await fetch(`${issuer}${href}&sub=${encodeURIComponent(sub)}`, { redirect: 'manual' });
      return res.headers.get('location') ?? '';
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
