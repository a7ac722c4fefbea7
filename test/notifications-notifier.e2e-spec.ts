import { DataSource } from 'typeorm';
import { DigestJob } from '../src/modules/notifications/digest-job';
import type { NotificationRequest } from '../src/modules/notifications/notification-request';
import { Notifier } from '../src/modules/notifications/notifier';
import {
  startTestApp,
  TEST_JWT_SECRET,
  TEST_PASSWORD,
  type TestApp,
  type TestUser,
} from './harness/test-app';

const PUBLIC_URL = 'https://registry.example.gov';

interface OutboxRow extends Record<string, unknown> {
  dedupe_key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: string;
}

interface NotificationRow extends Record<string, unknown> {
  id: string;
  subject: string;
  email: string;
}

describe('Notifier and the daily digest', () => {
  let t: TestApp;
  let admin: TestUser;
  let pairing: NotificationRequest['pairing'];

  const notify = (recipients: readonly string[], extra: Partial<NotificationRequest> = {}) =>
    t.app.get(DataSource).transaction((manager) =>
      t.app.get(Notifier).notify(manager, {
        kind: 'pairing_returned',
        recipientIds: recipients,
        pairing,
        round: 2,
        countryCode: 'MY',
        reason: 'The Kuantan park is missing.',
        decidedByName: 'Aminah',
        ...extra,
      }),
    );
  const outbox = (user: TestUser) =>
    t.db.query<OutboxRow>(
      `SELECT dedupe_key, to_address, subject, text_body, html_body, status
         FROM infra.mail_outbox WHERE recipient_id = $1 ORDER BY created_at, id`,
      [user.user.id],
    );
  const notifications = (user: TestUser) =>
    t.db.query<NotificationRow>(
      `SELECT id, subject, email FROM infra.notification
        WHERE recipient_id = $1 ORDER BY created_at, id`,
      [user.user.id],
    );
  const choose = async (user: TestUser, email: string, language = 'en') => {
    const current = await t.get<{ version: number }>(
      '/api/v1/users/me/notification-settings',
      user.auth,
    );
    const saved = await t.request({
      method: 'PUT',
      url: '/api/v1/users/me/notification-settings',
      headers: { ...user.auth, 'if-match': `"${current.body.version}"` },
      payload: { email, language },
    });
    expect(saved.status).toBe(200);
  };
  const sendDigests = (at: string) => t.app.get(DigestJob).sendDigests(new Date(at));

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL, DIGEST_HOUR: '8' } });
    admin = await t.signIn('admin');
    const parks: string[] = [];
    for (const [code, countryCode] of [
      ['CN-QZ', 'CN'],
      ['MY-KT', 'MY'],
    ]) {
      const park = await t.request<{ id: string }>({
        method: 'POST',
        url: '/api/v1/parks',
        headers: admin.auth,
        payload: {
          code,
          name: `${code} park`,
          countryCode,
          zoneType: 'industrial_park',
          status: 'operational',
          industries: [{ code: '24', primary: true }],
        },
      });
      expect(park.status).toBe(201);
      parks.push(park.body.id);
    }
    const created = await t.request<{ id: string; code: string; name: string }>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: admin.auth,
      payload: {
        code: 'CN-MY-TCTP',
        name: 'China-Malaysia <Twin> Parks',
        nameZh: '中马两国双园',
        sides: [
          { countryCode: 'CN', parkIds: [parks[0]] },
          { countryCode: 'MY', parkIds: [parks[1]] },
        ],
        industries: [{ code: '24' }],
        status: 'active',
      },
    });
    expect(created.status).toBe(201);
    pairing = {
      id: created.body.id,
      code: 'CN-MY-TCTP',
      name: created.body.name,
      nameZh: '中马两国双园',
    };
  });
  afterAll(() => t.close());

  it('immediate (the default): one inbox entry and one mail with the absolute link, no secrets', async () => {
    const officer = await t.signIn('officer', 'MY');
    await notify([officer.user.id, officer.user.id]);
    const [notification] = await notifications(officer);
    expect(await notifications(officer)).toHaveLength(1);
    expect(notification).toMatchObject({ email: 'queued' });
    const mails = await outbox(officer);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail).toMatchObject({
      dedupe_key: `notification:${notification.id}`,
      to_address: officer.user.email,
      subject: 'Pairing returned: CN-MY-TCTP China-Malaysia <Twin> Parks, round 2',
      status: 'pending',
    });
    expect(mail.subject).toBe(notification.subject);
    expect(mail.text_body).toContain(`${PUBLIC_URL}/pairings/${pairing.id}`);
    expect(mail.text_body).toContain('Reason: The Kuantan park is missing.');
    expect(mail.text_body).toContain('decided by Aminah, Malaysia');
    expect(mail.html_body).toContain(`href="${PUBLIC_URL}/pairings/${pairing.id}"`);
    expect(mail.html_body).toContain('China-Malaysia &lt;Twin&gt; Parks');
    expect(mail.html_body).not.toContain('<Twin>');
    const everything = `${mail.subject}\n${mail.text_body}\n${mail.html_body}`;
    for (const secret of [officer.token, TEST_PASSWORD, TEST_JWT_SECRET, officer.user.id]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('writes nothing when the caller’s transaction rolls back (the outbox commits with the change)', async () => {
    const officer = await t.signIn('officer', 'MY');
    await expect(
      t.app.get(DataSource).transaction(async (manager) => {
        await t.app.get(Notifier).notify(manager, {
          kind: 'pairing_approved',
          recipientIds: [officer.user.id],
          pairing,
          round: 1,
          countryCode: 'CN',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await notifications(officer)).toEqual([]);
    expect(await outbox(officer)).toEqual([]);
  });

  it('none: in the inbox only; escalations are emailed at once all the same', async () => {
    const reviewer = await t.signIn('reviewer', 'MY');
    await choose(reviewer, 'none');
    await notify([reviewer.user.id], { kind: 'review_overdue', dueOn: '2026-03-16' });
    expect(await notifications(reviewer)).toEqual([expect.objectContaining({ email: 'none' })]);
    expect(await outbox(reviewer)).toEqual([]);

    await notify([reviewer.user.id], { kind: 'review_escalated', dueOn: '2026-03-16' });
    const [, escalation] = await notifications(reviewer);
    expect(escalation).toMatchObject({ email: 'queued' });
    const mails = await outbox(reviewer);
    expect(mails).toEqual([
      expect.objectContaining({
        dedupe_key: `notification:${escalation.id}`,
        subject: expect.stringMatching(/^Review escalated: CN-MY-TCTP/),
      }),
    ]);
    expect(mails[0].text_body).toContain('Escalations are always emailed');
  });

  it('skips inactive users', async () => {
    const officer = await t.signIn('officer', 'MY');
    const active = await t.signIn('officer', 'MY');
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${officer.user.id}`,
      headers: { ...admin.auth, 'if-match': `"${officer.user.version}"` },
      payload: { active: false },
    });
    expect(patched.status).toBe(200);
    await notify([officer.user.id, active.user.id]);
    expect(await notifications(officer)).toEqual([]);
    expect(await outbox(officer)).toEqual([]);
    expect(await notifications(active)).toHaveLength(1);
  });

  it('writes Chinese subjects and mail for users who chose Chinese', async () => {
    const officer = await t.signIn('officer', 'MY');
    await choose(officer, 'immediate', 'zh');
    await notify([officer.user.id]);
    const [notification] = await notifications(officer);
    expect(notification.subject).toBe('结对已退回修改：CN-MY-TCTP 中马两国双园（第 2 轮）');
    const [mail] = await outbox(officer);
    expect(mail.subject).toBe(notification.subject);
    expect(mail.text_body).toContain(
      '结对 CN-MY-TCTP「中马两国双园」在第 2 轮审核中被退回修改（决定人：马来西亚 Aminah）',
    );
    expect(mail.text_body).toContain('理由：The Kuantan park is missing.');
    expect(mail.text_body).toContain(`在登记系统中查看：${PUBLIC_URL}/pairings/${pairing.id}`);
  });

  describe('daily digest', () => {
    let analyst: TestUser;
    let reviewer: TestUser;

    beforeAll(async () => {
      // The analyst has no country: their day is UTC. The reviewer's is Kuala Lumpur's (UTC+8).
      analyst = await t.signIn('analyst');
      reviewer = await t.signIn('reviewer', 'MY');
      await choose(analyst, 'daily');
      await choose(reviewer, 'daily', 'zh');
      await notify([analyst.user.id, reviewer.user.id]);
      await notify([analyst.user.id, reviewer.user.id], {
        kind: 'review_awaiting',
        countryCode: 'MY',
        dueOn: '2026-03-16',
        reason: null,
      });
    });

    it('keeps the notifications for the digest and mails nothing yet', async () => {
      expect((await notifications(analyst)).map((n) => n.email)).toEqual(['digest', 'digest']);
      expect(await outbox(analyst)).toEqual([]);
      expect(await outbox(reviewer)).toEqual([]);
    });

    it('sends each user’s digest once their own local day reaches the hour; twice sends still one', async () => {
      // 23:59 UTC on the 14th is 07:59 on the 15th in Kuala Lumpur: the analyst's day (UTC) is
      // past the digest hour, the reviewer's not yet.
      expect(await sendDigests('2030-01-14T23:59:00Z')).toEqual({ ran: true, digests: 1 });
      expect(await sendDigests('2030-01-14T23:59:30Z')).toEqual({ ran: true, digests: 0 });
      expect(await outbox(reviewer)).toEqual([]);
      const analystDigests = await outbox(analyst);
      expect(analystDigests).toHaveLength(1);
      expect(analystDigests[0]).toMatchObject({
        dedupe_key: `digest:${analyst.user.id}:2030-01-14`,
        to_address: analyst.user.email,
        subject: 'Twin-park registry: 2 notifications (2030-01-14)',
      });
      expect(analystDigests[0].text_body).toContain('Reason: The Kuantan park is missing.');
      expect(analystDigests[0].text_body).toContain(`${PUBLIC_URL}/pairings/${pairing.id}`);
      expect(analystDigests[0].html_body).toContain('China-Malaysia &lt;Twin&gt; Parks');
      expect((await notifications(analyst)).map((n) => n.email)).toEqual(['queued', 'queued']);
      expect((await notifications(reviewer)).map((n) => n.email)).toEqual(['digest', 'digest']);

      // 00:30 UTC is 08:30 in Kuala Lumpur: now the reviewer's, in Chinese.
      expect(await sendDigests('2030-01-15T00:30:00Z')).toEqual({ ran: true, digests: 1 });
      expect(await sendDigests('2030-01-15T00:31:00Z')).toEqual({ ran: true, digests: 0 });
      const reviewerDigests = await outbox(reviewer);
      expect(reviewerDigests).toHaveLength(1);
      expect(reviewerDigests[0]).toMatchObject({
        dedupe_key: `digest:${reviewer.user.id}:2030-01-15`,
        to_address: reviewer.user.email,
        subject: '两国双园投资登记系统：2030-01-15 的 2 条通知',
      });
      expect(reviewerDigests[0].text_body).toContain('待审核：CN-MY-TCTP 中马两国双园（第 2 轮）');
      expect((await notifications(reviewer)).map((n) => n.email)).toEqual(['queued', 'queued']);
    });

    it('sends nothing before the digest hour, and what arrives after the day’s digest waits for the next day’s', async () => {
      await notify([analyst.user.id], { kind: 'pairing_approved', reason: null });
      expect(await sendDigests('2030-01-15T07:59:00Z')).toEqual({ ran: true, digests: 0 });
      expect(await sendDigests('2030-01-15T08:00:00Z')).toEqual({ ran: true, digests: 1 });

      await notify([analyst.user.id], { kind: 'pairing_approved', reason: null });
      expect(await sendDigests('2030-01-15T20:00:00Z')).toEqual({ ran: true, digests: 0 });
      expect((await notifications(analyst)).map((n) => n.email)).toEqual([
        'queued',
        'queued',
        'queued',
        'digest',
      ]);
      expect(await sendDigests('2030-01-16T08:00:00Z')).toEqual({ ran: true, digests: 1 });
      const digests = await outbox(analyst);
      expect(digests.map((d) => d.dedupe_key)).toEqual([
        `digest:${analyst.user.id}:2030-01-14`,
        `digest:${analyst.user.id}:2030-01-15`,
        `digest:${analyst.user.id}:2030-01-16`,
      ]);
      expect(digests[2].subject).toBe('Twin-park registry: 1 notification (2030-01-16)');
    });

    it('runs on one instance at a time: another holding the lock makes this run skip', async () => {
      await notify([analyst.user.id], { kind: 'pairing_rejected', reason: 'No.' });
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`SELECT pg_advisory_xact_lock(hashtext('twin-park:digest'))`);
        expect(await sendDigests('2030-01-17T08:00:00Z')).toEqual({ ran: false, digests: 0 });
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(await sendDigests('2030-01-17T08:00:00Z')).toEqual({ ran: true, digests: 1 });
    });

    it('mails nothing kept for a digest once the user has chosen no email', async () => {
      await notify([reviewer.user.id], { kind: 'pairing_approved', reason: null });
      await choose(reviewer, 'none', 'zh');
      expect(await sendDigests('2030-01-20T02:00:00Z')).toEqual({ ran: true, digests: 0 });
      expect((await notifications(reviewer)).map((n) => n.email)).toEqual([
        'queued',
        'queued',
        'none',
      ]);
      expect(await outbox(reviewer)).toHaveLength(1);
    });
  });
});
