import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { Clock } from '../src/common/jobs/clock';
import { MailWorker } from '../src/modules/mail/mail-worker';
import { MAX_MAIL_ATTEMPTS } from '../src/modules/mail/mail-retry';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { outboxRow, queueMail } from './support/mail-outbox';
import { expectProblem } from './support/problem';
import { SmtpInbox } from './support/smtp-inbox';

interface Delivery {
  id: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}
interface DeliveryPage {
  items: Delivery[];
  nextCursor: string | null;
}

const SMTP_PASSWORD = 'smtp-canary p@ss/word';
const MAIL_FROM = 'Twin-park registry <registry@example.gov>';
const SECONDS = 1000;
const HOURS = 3600 * SECONDS;

describe('email delivery over SMTP', () => {
  const lines: string[] = [];
  let inbox: SmtpInbox;
  let t: TestApp;
  let worker: MailWorker;
  let admin: TestUser;

  const later = (ms: number) => new Date(Date.now() + ms);
  const messageId = (id: string) => `<${id}@twin-park-registry>`;
  const resend = (id: string, user: TestUser = admin) =>
    t.request<Delivery>({
      method: 'POST',
      url: `/api/v1/mail/deliveries/${id}/resend`,
      headers: user.auth,
    });

  beforeAll(async () => {
    inbox = await SmtpInbox.start({ auth: { user: 'registry', pass: SMTP_PASSWORD } });
    t = await startTestApp({
      env: { SMTP_URL: inbox.url(), MAIL_FROM, LOG_LEVEL: 'debug' },
      logLines: lines,
    });
    worker = t.app.get(MailWorker);
    admin = await t.signIn('admin');
  });
  afterAll(async () => {
    await t.close();
    await inbox.stop();
  });
  afterEach(async () => {
    inbox.refuseWith = null;
    inbox.delayMs = 0;
    // Each case leaves nothing due for the next: its mails are sent or failed.
    const [{ pending }] = await t.db.query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM infra.mail_outbox WHERE status = 'pending'`,
    );
    expect(pending).toBe(0);
  });

  it('delivers a queued mail once, with its recipient, subject, body and a stable Message-ID', async () => {
    const id = await queueMail(t, {
      to: 'reviewer.my@example.gov',
      subject: '待审核：CN-MY-TCTP',
      text: 'Pairing CN-MY-TCTP awaits your review: http://localhost:3000/pairings/x',
      html: '<p>Pairing <b>CN-MY-TCTP</b> awaits your review.</p>',
    });
    await expect(worker.sendDue()).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });

    const [mail] = inbox.withMessageId(messageId(id));
    expect(inbox.withMessageId(messageId(id))).toHaveLength(1);
    expect(mail.envelopeTo).toEqual(['reviewer.my@example.gov']);
    expect(mail.parsed.to).toMatchObject({ text: 'reviewer.my@example.gov' });
    expect(mail.parsed.from?.value).toEqual([
      { address: 'registry@example.gov', name: 'Twin-park registry' },
    ]);
    expect(mail.parsed.subject).toBe('待审核：CN-MY-TCTP');
    expect(mail.parsed.text?.trim()).toBe(
      'Pairing CN-MY-TCTP awaits your review: http://localhost:3000/pairings/x',
    );
    expect(mail.parsed.html).toContain('<b>CN-MY-TCTP</b>');

    const row = await outboxRow(t, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 0, last_error: null });
    expect(row.sent_at).toBeInstanceOf(Date);
    // Sent is sent: later runs leave it alone.
    await expect(worker.sendDue(later(2 * HOURS))).resolves.toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(inbox.withMessageId(messageId(id))).toHaveLength(1);
  });

  it('keeps a mail while SMTP refuses or is down, backs off, and sends it once when it is back', async () => {
    const id = await queueMail(t);
    const start = Date.now();

    inbox.refuseWith = { code: 451, message: 'Try again later' };
    const first = new Date(start);
    await expect(worker.sendDue(first)).resolves.toEqual({ sent: 0, retrying: 1, failed: 0 });
    let row = await outboxRow(t, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/451/);
    const firstWait = row.next_attempt_at.getTime() - first.getTime();
    expect(firstWait).toBeGreaterThanOrEqual(30 * SECONDS);
    expect(firstWait).toBeLessThanOrEqual(33 * SECONDS);

    // Not due yet: nothing is tried.
    await expect(worker.sendDue(new Date(start + 10 * SECONDS))).resolves.toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });

    await inbox.stop();
    const second = new Date(start + 40 * SECONDS);
    await expect(worker.sendDue(second)).resolves.toEqual({ sent: 0, retrying: 1, failed: 0 });
    row = await outboxRow(t, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    const secondWait = row.next_attempt_at.getTime() - second.getTime();
    expect(secondWait).toBeGreaterThanOrEqual(60 * SECONDS);
    expect(secondWait).toBeLessThanOrEqual(66 * SECONDS);
    expect(inbox.withMessageId(messageId(id))).toHaveLength(0);

    await inbox.restart();
    inbox.refuseWith = null;
    // Without a time of its own, a run asks the application's Clock (here set 3 minutes on).
    const clock = jest
      .spyOn(t.app.get(Clock), 'now')
      .mockImplementation(() => new Date(start + 3 * 60 * SECONDS));
    try {
      await expect(worker.sendDue()).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });
    } finally {
      clock.mockRestore();
    }
    await expect(worker.sendDue(later(2 * HOURS))).resolves.toMatchObject({ sent: 0 });
    expect(inbox.withMessageId(messageId(id))).toHaveLength(1);
    expect(await outboxRow(t, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends each mail exactly once with two instances and several workers racing', async () => {
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, n) => queueMail(t, { to: `officer${n}@example.gov` })),
    );
    const second = await startTestApp({
      databaseUrl: () => t.db.url,
      env: { SMTP_URL: inbox.url(), MAIL_FROM },
    });
    try {
      const other = second.app.get(MailWorker);
      inbox.delayMs = 30;
      const runs = await Promise.all([
        worker.sendDue(),
        other.sendDue(),
        worker.sendDue(),
        other.sendDue(),
      ]);
      expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(12);
      // The runs really overlapped: more than one of them sent something.
      expect(runs.filter((run) => run.sent > 0).length).toBeGreaterThan(1);
    } finally {
      await second.close();
    }
    for (const id of ids) {
      expect(inbox.withMessageId(messageId(id))).toHaveLength(1);
      expect(await outboxRow(t, id)).toMatchObject({ status: 'sent' });
    }
  });

  it('gives up on a server that never answers within seconds, holding up no other mail', async () => {
    // Accepts connections and then says nothing: no greeting, ever.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const stuck = await startTestApp({
      databaseUrl: () => t.db.url,
      env: { SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}` },
    });
    try {
      const waiting = await queueMail(t, { subject: 'Waits for a silent server' });
      const started = Date.now();
      const hanging = stuck.app.get(MailWorker).sendDue();
      while (sockets.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // The silent server has the first mail (locked); another worker sends the next one.
      const next = await queueMail(t, { subject: 'Goes out meanwhile' });
      await expect(worker.sendDue()).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(inbox.withMessageId(messageId(next))).toHaveLength(1);

      await expect(hanging).resolves.toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect(Date.now() - started).toBeLessThan(20 * SECONDS);
      // nodemailer names the greeting timeout, or its socket timeout when a loaded machine lets
      // that one fire first: both say the server never answered.
      expect((await outboxRow(t, waiting)).last_error).toMatch(
        /^ETIMEDOUT: (Greeting never received|Timeout)$/,
      );
      await expect(worker.sendDue(later(2 * HOURS))).resolves.toMatchObject({ sent: 1 });
      expect(inbox.withMessageId(messageId(waiting))).toHaveLength(1);
    } finally {
      await stuck.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('marks a mail failed after the last attempt, lists it for admins, and a resend delivers it', async () => {
    const id = await queueMail(t, { subject: 'Escalated: CN-MY-TCTP is overdue' });
    inbox.refuseWith = { code: 452, message: 'Mailbox full' };
    const start = Date.now();
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt += 1) {
      const run = await worker.sendDue(new Date(start + attempt * 2 * HOURS));
      expect(run).toEqual(
        attempt < MAX_MAIL_ATTEMPTS
          ? { sent: 0, retrying: 1, failed: 0 }
          : { sent: 0, retrying: 0, failed: 1 },
      );
    }
    expect(await outboxRow(t, id)).toMatchObject({ status: 'failed', attempts: MAX_MAIL_ATTEMPTS });
    // Failed is final until an admin acts: later runs leave it.
    await expect(worker.sendDue(later(48 * HOURS))).resolves.toMatchObject({ retrying: 0 });

    const failed = await t.get<DeliveryPage>('/api/v1/mail/deliveries?status=failed', admin.auth);
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([
      {
        id,
        to: 'reviewer@example.gov',
        subject: 'Escalated: CN-MY-TCTP is overdue',
        status: 'failed',
        attempts: MAX_MAIL_ATTEMPTS,
        lastError: expect.stringMatching(/452/),
        nextAttemptAt: expect.any(String),
        createdAt: expect.any(String),
        sentAt: null,
      },
    ]);

    const requeued = await resend(id);
    expect(requeued.status).toBe(200);
    expect(requeued.body).toMatchObject({ id, status: 'pending', attempts: 0, lastError: null });
    expectProblem(await resend(id), 409, 'MAIL_ALREADY_PENDING');

    inbox.refuseWith = null;
    await expect(worker.sendDue()).resolves.toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(inbox.withMessageId(messageId(id))).toHaveLength(1);
    const sent = await t.get<DeliveryPage>('/api/v1/mail/deliveries?status=sent', admin.auth);
    expect(sent.body.items.find((item) => item.id === id)).toMatchObject({
      status: 'sent',
      sentAt: expect.any(String),
    });
    expect(
      (await t.get<DeliveryPage>('/api/v1/mail/deliveries?status=failed', admin.auth)).body.items,
    ).toEqual([]);

    // A sent mail can be sent again too; it is the same message (same Message-ID).
    expect((await resend(id)).body).toMatchObject({ status: 'pending', sentAt: null });
    await expect(worker.sendDue()).resolves.toMatchObject({ sent: 1 });
    expect(inbox.withMessageId(messageId(id))).toHaveLength(2);
  });

  it('refuses to resend an unknown mail (404) or a malformed id (400)', async () => {
    expectProblem(await resend(randomUUID()), 404, 'MAIL_DELIVERY_NOT_FOUND');
    const malformed = expectProblem(await resend('not-a-uuid'), 400, 'VALIDATION_FAILED');
    expect(malformed.errors).toEqual([{ path: 'id', message: 'must be a UUID' }]);
  });

  it('pages through deliveries newest first, with a cursor, and refuses bad filters', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 3; n += 1) ids.push(await queueMail(t, { subject: `Page ${n}` }));
    await worker.sendDue();
    const all = await t.get<DeliveryPage>('/api/v1/mail/deliveries?limit=200', admin.auth);
    const newestFirst = all.body.items.map((item) => item.createdAt);
    expect([...newestFirst].sort().reverse()).toEqual(newestFirst);

    const first = await t.get<DeliveryPage>('/api/v1/mail/deliveries?limit=2', admin.auth);
    expect(first.body.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await t.get<DeliveryPage>(
      `/api/v1/mail/deliveries?limit=2&cursor=${first.body.nextCursor}`,
      admin.auth,
    );
    expect(next.body.items[0]?.id).toBe(ids[0]);
    expect(next.body.items.map((item) => item.id)).not.toContain(ids[1]);

    const badStatus = expectProblem(
      await t.get('/api/v1/mail/deliveries?status=lost', admin.auth),
      400,
      'VALIDATION_FAILED',
    );
    expect(badStatus.errors?.[0]?.path).toBe('status');
    const forged = Buffer.from(JSON.stringify(['v1', '-createdAt', '2026-02-30', 'x'])).toString(
      'base64url',
    );
    const badCursor = expectProblem(
      await t.get(`/api/v1/mail/deliveries?cursor=${forged}`, admin.auth),
      400,
      'VALIDATION_FAILED',
    );
    expect(badCursor.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });

  it('lets only admins see or resend mail: 403 for the other roles, 401 without credentials', async () => {
    const id = await queueMail(t);
    await worker.sendDue();
    for (const role of ['officer', 'reviewer', 'analyst'] as const) {
      const user = await t.signIn(role);
      expectProblem(await t.get('/api/v1/mail/deliveries', user.auth), 403, 'ROLE_FORBIDDEN');
      expectProblem(await resend(id, user), 403, 'ROLE_FORBIDDEN');
    }
    expectProblem(await t.get('/api/v1/mail/deliveries'), 401, 'UNAUTHENTICATED');
    const anonymous = await t.request({
      method: 'POST',
      url: `/api/v1/mail/deliveries/${id}/resend`,
    });
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    expect(await outboxRow(t, id)).toMatchObject({ status: 'sent' });
  });

  it('never puts the SMTP password in a log line, an error an admin sees, or a mail', async () => {
    // A server that rejects the credentials: the error is recorded, the password is not.
    const strict = await SmtpInbox.start({ auth: { user: 'registry', pass: 'another password' } });
    const wrong = await startTestApp({
      databaseUrl: () => t.db.url,
      env: {
        SMTP_URL: strict.url({ user: 'registry', pass: SMTP_PASSWORD }),
        LOG_LEVEL: 'debug',
      },
      logLines: lines,
    });
    const id = await queueMail(t);
    try {
      await expect(wrong.app.get(MailWorker).sendDue()).resolves.toMatchObject({ retrying: 1 });
    } finally {
      await wrong.close();
      await strict.stop();
    }
    const row = await outboxRow(t, id);
    expect(row.last_error).toMatch(/535|Invalid login/i);
    await worker.sendDue(later(2 * HOURS));
    expect(await outboxRow(t, id)).toMatchObject({ status: 'sent' });

    const listed = await t.get('/api/v1/mail/deliveries?limit=200', admin.auth);
    const log = lines.join('\n');
    expect(log).toMatch(/attempt 1 of 8 failed/);
    for (const secret of [SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD)]) {
      expect(log).not.toContain(secret);
      expect(listed.text).not.toContain(secret);
      for (const mail of inbox.received) expect(mail.raw).not.toContain(secret);
    }
  });
});
