import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** One message the test server accepted. */
export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  readonly envelopeTo: string[];
  readonly raw: string;
  readonly parsed: ParsedMail;
}

export interface SmtpInboxOptions {
  /** Require these credentials (AUTH over plain text, allowed for the test). */
  readonly auth?: { readonly user: string; readonly pass: string };
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A real SMTP server in the test process (smtp-server, no TLS) on a free port. It keeps what it
 * accepts, parsed with mailparser, and can be told to refuse mail with a 4xx reply or be stopped
 * and started again on the same port, to play a mail server that is down.
 */
export class SmtpInbox {
  readonly received: ReceivedMail[] = [];
  /** While set, DATA is answered with this temporary failure and the mail is not kept. */
  refuseWith: { readonly code: number; readonly message: string } | null = null;
  /** Answers DATA after this long, so that concurrent senders overlap. */
  delayMs = 0;
  private server: SMTPServer | undefined;
  private boundPort = 0;

  private constructor(private readonly options: SmtpInboxOptions) {}

  static async start(options: SmtpInboxOptions = {}): Promise<SmtpInbox> {
    const inbox = new SmtpInbox(options);
    await inbox.listen(0);
    return inbox;
  }

  get port(): number {
    return this.boundPort;
  }

  /** The SMTP_URL that reaches this server, with the credentials it requires. */
  url(credentials = this.options.auth): string {
    const auth = credentials
      ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`
      : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** Messages whose Message-ID is this one. */
  withMessageId(messageId: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.parsed.messageId === messageId);
  }

  /** Stops listening: connections are refused until `restart`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    await this.listen(this.boundPort);
  }

  private async listen(port: number): Promise<void> {
    const { auth } = this.options;
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS', ...(auth ? [] : ['AUTH'])],
      authOptional: !auth,
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 1000,
      onAuth: (credentials, _session, callback) => {
        if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
          callback(null, { user: credentials.username });
        } else {
          callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        }
      },
      onData: (stream, session, callback) => {
        readAll(stream)
          .then(async (raw) => {
            if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
            if (this.refuseWith) {
              const { code, message } = this.refuseWith;
              callback(Object.assign(new Error(message), { responseCode: code }));
              return;
            }
            this.received.push({
              envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw: raw.toString('utf8'),
              parsed: await simpleParser(raw),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.server = server;
  }
}
