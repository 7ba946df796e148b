// The demo's outbox: mail the add-on would have sent, newest first, at /sandbox/mail. Only ever mounted in
// demo mode (and in tests), never beside a real SMTP server.
import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { Mail } from './index.ts';

export interface OutboxMessage extends Mail {
  id: string;
  at: Date;
}

export interface Outbox {
  add(mail: Mail): void;
  messages(): readonly OutboxMessage[];
}

const KEEP = 200;

export function createOutbox(): Outbox {
  const list: OutboxMessage[] = [];
  return {
    add(mail) {
      list.unshift({ ...mail, id: randomUUID(), at: new Date() });
      list.length = Math.min(list.length, KEEP);
    },
    messages: () => list,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Text with its http(s) links made clickable; everything else escaped. */
const linked = (text: string) =>
  escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

export function outboxRouter(outbox: Outbox): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const items = outbox
      .messages()
      .map(
        (m) => `<article>
  <h2>${escapeHtml(m.subject)}</h2>
  <p class="meta">To <strong>${escapeHtml(m.to)}</strong> · ${m.at.toISOString()}</p>
  <pre>${linked(m.text)}</pre>
</article>`,
      )
      .join('\n');
    res
      .set('cache-control', 'no-store')
      .type('html')
      .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo outbox</title>
<style>body{font:15px system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}
article{border:1px solid #ccc;border-radius:6px;padding:0 1rem;margin:1rem 0}pre{white-space:pre-wrap;font:inherit}
.meta{color:#555}</style></head>
<body><h1>Demo outbox</h1>
<p>Mail the add-on sent in demo mode is kept here instead of going out (set <code>SMTP_URL</code> to send it).</p>
${items || '<p>No mail yet.</p>'}
</body></html>`);
  });
  return router;
}
