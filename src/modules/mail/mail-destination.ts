import { join } from 'node:path';

/** Where the mail worker delivers: an SMTP server, or `.eml` files when none is configured. */
export type MailDestination =
  | { readonly kind: 'smtp'; readonly server: string; readonly tls: boolean }
  | { readonly kind: 'files'; readonly directory: string };

/** The folder under DATA_DIR that holds the `.eml` files of an install without SMTP. */
export function mailDirectory(dataDir: string): string {
  return join(dataDir, 'mail');
}

/**
 * The destination from SMTP_URL and DATA_DIR. Only the host and port are kept, never the user
 * or password, so the result is safe for the start banner and logs.
 */
export function mailDestination(smtpUrl: string | undefined, dataDir: string): MailDestination {
  if (!smtpUrl) return { kind: 'files', directory: mailDirectory(dataDir) };
  const tls = smtpUrl.toLowerCase().startsWith('smtps:');
  try {
    const url = new URL(smtpUrl);
    // nodemailer's defaults when the URL has no port: 465 for smtps, 587 otherwise.
    return { kind: 'smtp', server: `${url.hostname}:${url.port || (tls ? 465 : 587)}`, tls };
  } catch {
    return { kind: 'smtp', server: '(unparseable SMTP_URL)', tls };
  }
}

/** One line for people: "SMTP mail.example.gov:587" or where the files go. */
export function describeMailDestination(destination: MailDestination): string {
  if (destination.kind === 'files') {
    return `no SMTP_URL set; messages are written to ${destination.directory} as .eml files`;
  }
  return `SMTP${destination.tls ? 'S' : ''} ${destination.server}`;
}
