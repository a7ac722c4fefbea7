import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { MailTransport } from '../src/modules/mail/mail-transport';
import { MailWorker } from '../src/modules/mail/mail-worker';
import { startTestApp, type TestApp } from './harness/test-app';
import { outboxRow, queueMail } from './support/mail-outbox';

describe('email without SMTP_URL: .eml files under DATA_DIR/mail', () => {
  let dataDir: string;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'twin-park-mail-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says where the files go', () => {
    expect(t.app.get(MailTransport).destination).toEqual({
      kind: 'files',
      directory: join(dataDir, 'mail'),
    });
  });

  it('writes each sent mail as a whole .eml file named by time and outbox id, that parses', async () => {
    const id = await queueMail(t, {
      to: 'officer@example.gov',
      subject: 'Pairing CN-MY-TCTP returned: 退回',
      text: 'Returned with a reason: the park list is incomplete.',
      html: '<p>Returned with a reason: the park list is incomplete.</p>',
    });
    await expect(t.app.get(MailWorker).sendDue()).resolves.toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });

    const files = await readdir(join(dataDir, 'mail'));
    // Only whole messages: no temporary file is left behind.
    expect(files).toEqual([expect.stringMatching(new RegExp(`^\\d{8}T\\d{6}Z-${id}\\.eml$`))]);
    const raw = await readFile(join(dataDir, 'mail', files[0]));
    expect(raw.toString('latin1')).toContain('\r\n');
    const mail = await simpleParser(raw);
    expect(mail.messageId).toBe(`<${id}@twin-park-registry>`);
    expect(mail.to).toMatchObject({ text: 'officer@example.gov' });
    expect(mail.from?.value).toEqual([
      { address: 'registry@localhost', name: 'Twin-park registry' },
    ]);
    expect(mail.subject).toBe('Pairing CN-MY-TCTP returned: 退回');
    expect(mail.text?.trim()).toBe('Returned with a reason: the park list is incomplete.');
    expect(await outboxRow(t, id)).toMatchObject({ status: 'sent', attempts: 0 });
  });
});
