// Outgoing mail, one way for every feature: sendMail({ to, subject, text, html }). With SMTP_URL it goes
// out through SMTP (nodemailer); in demo mode it is kept in an outbox shown at /sandbox/mail, so journeys
// that mail someone work offline; otherwise there is no mail and callers say so (e.g. show the link).
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../env.ts';
import { createOutbox, type Outbox } from './outbox.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

export interface Mailer {
  /** smtp: sent; outbox: kept for the demo's outbox page; none: not sent (no SMTP_URL). */
  readonly kind: 'smtp' | 'outbox' | 'none';
  /** Sends (or keeps) one message; answers whether it went anywhere. */
  sendMail(mail: Mail): Promise<boolean>;
  readonly outbox?: Outbox | undefined;
}

export function createMailer(config: Config, log: Logger): Mailer {
  if (config.smtp) {
    const { from } = config.smtp;
    const transport = nodemailer.createTransport(config.smtp.url);
    return {
      kind: 'smtp',
      async sendMail(mail) {
        await transport.sendMail({ from, ...mail });
        // The recipient is personal data: the log says that a message went, not to whom.
        log.info({ subject: mail.subject }, 'mail sent');
        return true;
      },
    };
  }
  if (config.demo) return outboxMailer();
  return {
    kind: 'none',
    async sendMail(mail) {
      log.warn({ subject: mail.subject }, 'mail not sent: SMTP_URL is not set');
      return false;
    },
  };
}

/** Keeps mail in memory for the demo's outbox page (and for tests that read what was sent). */
export function outboxMailer(): Mailer {
  const outbox = createOutbox();
  return {
    kind: 'outbox',
    outbox,
    async sendMail(mail) {
      outbox.add(mail);
      return true;
    },
  };
}
