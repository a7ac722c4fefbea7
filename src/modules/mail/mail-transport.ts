import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { mailDestination, type MailDestination } from './mail-destination';

/** One mail as the worker hands it over: the outbox row's id names the message. */
export interface MailMessage {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}

/** A dead or silent server fails the attempt within seconds, not the minutes of the defaults. */
const SMTP_TIMEOUT_MS = 10_000;
/** Enough of an error for an admin to act on; server replies can be long. */
const MAX_ERROR_LENGTH = 300;

/**
 * The Message-ID of an outbox mail: the same on every attempt, so a mail sent again after a
 * crash (sent, but not yet marked sent) is recognisable as the same message.
 */
export function messageIdOf(outboxId: string): string {
  return `<${outboxId}@twin-park-registry>`;
}

/** `20260314T093005Z`: sorts by time in a directory listing. */
function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** The password of SMTP_URL in the forms it may appear in an error, to blank them out. */
function secretsOf(smtpUrl: string | undefined): string[] {
  if (!smtpUrl) return [];
  try {
    const password = new URL(smtpUrl).password;
    return password ? [...new Set([password, decodeURIComponent(password)])] : [];
  } catch {
    return [];
  }
}

/**
 * Sends mail through nodemailer: over SMTP when SMTP_URL is set, otherwise into `.eml` files
 * under DATA_DIR/mail (the embedded default, so an install without a mail server loses nothing
 * and a person can open what would have been sent).
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  readonly destination: MailDestination;
  private readonly transporter: Transporter;
  private readonly secrets: string[];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl } = config.desk;
    this.destination = mailDestination(smtpUrl, config.dataDir);
    this.secrets = secretsOf(smtpUrl);
    // Content never points at files or URLs: a template can't make the server read either.
    const hardening = { disableFileAccess: true, disableUrlAccess: true, logger: false };
    this.transporter = smtpUrl
      ? createTransport({
          url: smtpUrl,
          connectionTimeout: SMTP_TIMEOUT_MS,
          greetingTimeout: SMTP_TIMEOUT_MS,
          socketTimeout: SMTP_TIMEOUT_MS,
          ...hardening,
        })
      : createTransport({ streamTransport: true, buffer: true, newline: 'windows', ...hardening });
  }

  /** Delivers one message or throws; the worker records the failure and retries. */
  async send(message: MailMessage): Promise<void> {
    const options: SendMailOptions = {
      from: this.config.desk.mailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      messageId: messageIdOf(message.id),
    };
    const info: unknown = await this.transporter.sendMail(options);
    if (this.destination.kind === 'files') {
      await this.writeFile(
        this.destination.directory,
        message.id,
        (info as { message: Buffer }).message,
      );
    }
  }

  /** A short reason for last_error and the log: no credentials, no multi-line server dumps. */
  describeError(error: unknown): string {
    let text = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && !text.includes(code)) text = `${code}: ${text}`;
    for (const secret of this.secrets) text = text.split(secret).join('***');
    text = text
      .replace(/(smtps?:\/\/[^\s:/@]*:)[^\s@]*@/gi, '$1***@')
      .replace(/\s+/g, ' ')
      .trim();
    return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }

  /**
   * Written under a temporary name, then renamed: whoever reads the folder sees whole messages
   * only. Named by time and outbox id; a mail sent again gets a second file.
   */
  private async writeFile(directory: string, id: string, content: Buffer): Promise<void> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const name = `${fileStamp(new Date())}-${id}.eml`;
    const temporary = join(directory, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, content, { mode: 0o600 });
      await rename(temporary, join(directory, name));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
