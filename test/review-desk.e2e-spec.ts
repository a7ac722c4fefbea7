import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Clock } from '../src/common/jobs/clock';
import { ReminderSweep } from '../src/modules/review-desk/reminders/reminder-sweep';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface QueueItem {
  id: string;
  pairingId: string;
  pairingCode: string;
  round: number;
  countryCode: string;
  submittedAt: string;
  submittedBy: string | null;
  submittedByName: string | null;
  dueSoonOn: string;
  dueOn: string;
  escalateOn: string;
  workingDaysWaiting: number;
  status: string;
  link: string;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Calendar {
  countryCode: string;
  reviewWorkingDays: number;
  weekend: number[];
  timeZone: string;
  subdivisionWeekends: { subdivisionCode: string; weekend: number[] }[];
  holidays: { date: string; name: string; subdivisionCode: string | null }[];
  version: number;
}

describe('the review desk: queue, calendars, reminders', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerCN: TestUser;
  let reviewerMY: TestUser;
  let reviewerCN: TestUser;
  let analyst: TestUser;
  let now = new Date('2026-12-01T00:00:00Z');
  const park: Record<string, string> = {};
  const pairing: Record<string, string> = {};

  const createPark = async (code: string, countryCode: string, subdivisionCode: string) => {
    const response = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/parks',
      headers: admin.auth,
      payload: {
        code,
        name: `${code} park`,
        countryCode,
        subdivisionCode,
        zoneType: 'industrial_park',
        status: 'operational',
      },
    });
    expect(response.status).toBe(201);
    park[code] = response.body.id;
  };
  const createPairing = async (code: string, myPark: string) => {
    const response = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: officerMY.auth,
      payload: {
        code,
        name: `${code} twin parks`,
        sides: [
          { countryCode: 'MY', parkIds: [park[myPark]] },
          { countryCode: 'CN', parkIds: [park['CN-CMQIP']] },
        ],
        status: 'active',
      },
    });
    expect(response.status).toBe(201);
    pairing[code] = response.body.id;
  };
  const submitAt = async (code: string, instant: string) => {
    now = new Date(instant);
    const response = await t.request({
      method: 'POST',
      url: `/api/v1/pairings/${pairing[code]}/submit`,
      headers: officerMY.auth,
    });
    expect(response.status).toBe(200);
  };
  const queue = async (user: TestUser, query = '') =>
    (await t.get<Page<QueueItem>>(`/api/v1/reviews${query}`, user.auth)).body.items;
  const calendar = async (code: string) =>
    (await t.get<Calendar>(`/api/v1/countries/${code}/review-calendar`, analyst.auth)).body;
  const notificationsOf = (user: TestUser, kind: string) =>
    t.db.query<{ pairing_id: string; subject: string; body: string }>(
      `SELECT pairing_id, subject, body FROM infra.notification
        WHERE recipient_id = $1 AND kind = $2 ORDER BY created_at`,
      [user.user.id, kind],
    );
  const sweepAt = async (instant: string) => {
    now = new Date(instant);
    const sweep = t.app.get(ReminderSweep);
    // Twice at each step: the second finds nothing owed.
    const first = await sweep.run(now);
    const second = await sweep.run(now);
    expect(second.sent).toBe(0);
    return first.sent;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
    [admin, officerMY, officerCN, reviewerMY, reviewerCN, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
      t.signIn('reviewer', 'MY'),
      t.signIn('reviewer', 'CN'),
      t.signIn('analyst'),
    ]);
    await createPark('CN-CMQIP', 'CN', 'CN-GX');
    await createPark('MY-MCKIP', 'MY', 'MY-06'); // Pahang: Saturday-Sunday
    await createPark('MY-KED', 'MY', 'MY-02'); // Kedah: Friday-Saturday
    await createPairing('CN-MY-TCTP', 'MY-MCKIP');
    await createPairing('CN-MY-KEDAH', 'MY-KED');
  });
  afterAll(() => t.close());

  it('seeds working weeks: Malaysia with its Friday-Saturday states, Brunei Friday and Sunday', async () => {
    const my = await calendar('MY');
    expect(my).toMatchObject({
      reviewWorkingDays: 10,
      weekend: [6, 7],
      timeZone: 'Asia/Kuala_Lumpur',
      version: 1,
    });
    expect(my.subdivisionWeekends.map((w) => [w.subdivisionCode, w.weekend])).toEqual([
      ['MY-02', [5, 6]],
      ['MY-03', [5, 6]],
      ['MY-11', [5, 6]],
    ]);
    expect(await calendar('BN')).toMatchObject({ weekend: [5, 7], timeZone: 'Asia/Brunei' });
    expect(await calendar('CN')).toMatchObject({ weekend: [6, 7], timeZone: 'Asia/Shanghai' });
    // A country without a calendar of its own keeps the default, version 0.
    expect(await calendar('FR')).toMatchObject({ weekend: [6, 7], timeZone: 'UTC', version: 0 });
    expectProblem(
      await t.get('/api/v1/countries/XX/review-calendar', analyst.auth),
      404,
      'COUNTRY_NOT_FOUND',
    );
  });

  it('dates a side whose parks lie in a Friday-Saturday state by that week', async () => {
    // Wednesday 2 December, 10:00 in Kuala Lumpur.
    await submitAt('CN-MY-KEDAH', '2026-12-02T02:00:00Z');
    const [kedah] = await queue(reviewerMY, '?awaiting=me');
    // Thu 3 (1), Fri-Sat rest, Sun 6 (2) ... Thu 10 (6), Fri-Sat rest, Sun 13 (7) ... Wed 16 (10).
    expect(kedah).toMatchObject({
      pairingCode: 'CN-MY-KEDAH',
      countryCode: 'MY',
      round: 1,
      submittedBy: officerMY.user.id,
      submittedByName: officerMY.user.name,
      dueSoonOn: '2026-12-14',
      dueOn: '2026-12-16',
      escalateOn: '2026-12-21',
      workingDaysWaiting: 0,
      status: 'pending',
      link: `/pairings/${pairing['CN-MY-KEDAH']}`,
    });
    // The Chinese side counts Monday to Friday: due Wednesday 16 as well, escalated from Mon 21.
    const [china] = await queue(reviewerCN, '?awaiting=me');
    expect(china).toMatchObject({
      countryCode: 'CN',
      dueOn: '2026-12-16',
      escalateOn: '2026-12-21',
    });
    // Friday and Saturday do not count in Kedah; Sunday does.
    now = new Date('2026-12-12T04:00:00Z');
    expect((await queue(reviewerMY))[0].workingDaysWaiting).toBe(6);
    now = new Date('2026-12-13T04:00:00Z');
    expect((await queue(reviewerMY))[0].workingDaysWaiting).toBe(7);
    // Both sides' reviewers were told when it arrived, with its due date.
    expect(await notificationsOf(reviewerMY, 'review_awaiting')).toHaveLength(1);
    expect(await notificationsOf(reviewerCN, 'review_awaiting')).toHaveLength(1);
  });

  it('keeps each calendar for admins: validated, versioned, audited, re-dating open rounds', async () => {
    const my = await calendar('MY');
    const put = (user: TestUser, payload: Record<string, unknown>, ifMatch?: string) =>
      t.request<Calendar>({
        method: 'PUT',
        url: '/api/v1/countries/MY/review-calendar',
        headers: { ...user.auth, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        payload,
      });
    const body = {
      reviewWorkingDays: my.reviewWorkingDays,
      weekend: my.weekend,
      timeZone: my.timeZone,
      subdivisionWeekends: my.subdivisionWeekends,
      holidays: [
        { date: '2026-12-15', name: 'A holiday in Kedah', subdivisionCode: 'MY-02' },
        { date: '2026-12-14', name: 'A national day of rest' },
      ],
    };
    expectProblem(await put(reviewerMY, body, `"${my.version}"`), 403, 'ROLE_FORBIDDEN');
    expectProblem(await put(admin, body), 428, 'VERSION_REQUIRED');
    expectProblem(await put(admin, body, '"99"'), 412, 'STALE_VERSION');
    const bad = async (change: Record<string, unknown>, path: string) => {
      const problem = expectProblem(
        await put(admin, { ...body, ...change }, `"${my.version}"`),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    };
    await bad({ timeZone: 'Asia/Atlantis' }, 'timeZone');
    await bad({ weekend: [1, 2, 3, 4, 5, 6, 7] }, 'weekend');
    await bad({ weekend: [0] }, 'weekend');
    await bad({ reviewWorkingDays: 0 }, 'reviewWorkingDays');
    await bad({ holidays: [{ date: '2026-13-01', name: 'x' }] }, 'holidays[0].date');
    await bad(
      { holidays: [{ date: '2026-12-25', name: 'x', subdivisionCode: 'ID-JK' }] },
      'holidays[0].subdivisionCode',
    );
    await bad({ holidays: [body.holidays[1], body.holidays[1]] }, 'holidays[1].date');
    await bad(
      { subdivisionWeekends: [{ subdivisionCode: 'CN-GX', weekend: [5, 6] }] },
      'subdivisionWeekends[0].subdivisionCode',
    );

    const saved = await put(admin, body, `"${my.version}"`);
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe(`"${my.version + 1}"`);
    expect(saved.body.holidays).toEqual([
      { date: '2026-12-14', name: 'A national day of rest', subdivisionCode: null },
      { date: '2026-12-15', name: 'A holiday in Kedah', subdivisionCode: 'MY-02' },
    ]);
    // The same calendar again changes nothing: same version, no change row.
    const again = await put(admin, body, `"${saved.body.version}"`);
    expect(again.body.version).toBe(saved.body.version);
    const changes = await t.db.query<{ op: string; actor: string }>(
      `SELECT op, actor FROM audit.change WHERE table_name = 'review_calendar' AND row_id = 'MY'
        ORDER BY id`,
    );
    expect(changes.map((c) => c.actor)).toEqual([
      expect.stringMatching(/^migration:/),
      admin.user.id,
    ]);

    // The Kedah round is dated again: Mon 14 (national) and Tue 15 (Kedah) rest now.
    const [kedah] = await queue(reviewerMY, '?awaiting=me');
    expect(kedah).toMatchObject({ dueSoonOn: '2026-12-16', dueOn: '2026-12-20' });
    const redated = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit.change WHERE table_name = 'review_round' AND op = 'update'`,
    );
    expect(redated[0].n).toBe(1);
  });

  it('imports holidays from an iCalendar file', async () => {
    const cn = await calendar('CN');
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:spring-festival-2027',
      'DTSTART;VALUE=DATE:20270206',
      'DTEND;VALUE=DATE:20270209',
      'SUMMARY:Spring Festival',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const send = (payload: string, ifMatch: string, contentType = 'text/calendar') =>
      t.request<{ calendar: Calendar; added: number; alreadyPresent: number }>({
        method: 'POST',
        url: '/api/v1/countries/CN/review-calendar/holidays',
        headers: { ...admin.auth, 'content-type': contentType, 'if-match': ifMatch },
        payload,
      });
    const imported = await send(ics, `"${cn.version}"`);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ added: 3, alreadyPresent: 0 });
    expect(imported.body.calendar.holidays.map((h) => h.date)).toEqual([
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    const twice = await send(ics, `"${imported.body.calendar.version}"`);
    expect(twice.body).toMatchObject({ added: 0, alreadyPresent: 3 });
    expectProblem(
      await send('not a calendar', `"${imported.body.calendar.version}"`),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await send('{}', '"1"', 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists what awaits each reviewer, scoped by country, with filters and badge counts', async () => {
    await submitAt('CN-MY-TCTP', '2026-12-03T02:00:00Z'); // Thursday
    const mine = await queue(reviewerMY, '?awaiting=me');
    // Pahang's Monday-Friday week, with Mon 14 off: Fri 4 (1), 7-11 (2-6), 15-18 (7-10).
    expect(mine.map((item) => [item.pairingCode, item.dueOn])).toEqual([
      ['CN-MY-TCTP', '2026-12-18'],
      ['CN-MY-KEDAH', '2026-12-20'],
    ]);
    expect((await queue(reviewerCN, '?awaiting=me')).every((i) => i.countryCode === 'CN')).toBe(
      true,
    );
    // A reviewer never sees another country's rounds, even by asking.
    expect(await queue(reviewerCN, '?country=MY')).toEqual([]);
    // Officers follow their country's pairings; nothing awaits them.
    expect(await queue(officerMY)).toHaveLength(4);
    expect(await queue(officerMY, '?awaiting=me')).toEqual([]);
    expect(await queue(analyst, '?country=MY')).toHaveLength(2);
    expect(await queue(analyst, '?dueBefore=2026-12-19')).toHaveLength(3);

    const page1 = await t.get<Page<QueueItem>>('/api/v1/reviews?limit=3', analyst.auth);
    const page2 = await t.get<Page<QueueItem>>(
      `/api/v1/reviews?limit=3&cursor=${page1.body.nextCursor}`,
      analyst.auth,
    );
    expect([...page1.body.items, ...page2.body.items].map((i) => i.id)).toHaveLength(4);
    expect(page2.body.nextCursor).toBeNull();

    now = new Date('2026-12-17T04:00:00Z');
    const summary = await t.get('/api/v1/reviews/summary?awaiting=me', reviewerMY.auth);
    expect(summary.body).toEqual({
      total: 2,
      pending: 0,
      dueSoon: 2,
      due: 0,
      overdue: 0,
      escalated: 0,
    });
    expect(await queue(reviewerMY, '?state=due_soon')).toHaveLength(2);
    expect(await queue(reviewerMY, '?overdue=true')).toEqual([]);

    for (const [query, path] of [
      ['?state=late', 'state'],
      ['?dueBefore=2026-13-01', 'dueBefore'],
      ['?overdue=maybe', 'overdue'],
      ['?awaiting=you', 'awaiting'],
      ['?country=Malaysia', 'country'],
    ]) {
      const problem = expectProblem(
        await t.get(`/api/v1/reviews${query}`, analyst.auth),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    expectProblem(await t.get('/api/v1/reviews'), 401, 'UNAUTHENTICATED');
  });

  it('reminds once per kind across a weekend and a holiday, escalates to admins, and never decides', async () => {
    const tctp = pairing['CN-MY-TCTP'];
    const kinds = async (user: TestUser, pairingId = tctp) =>
      (
        await t.db.query<{ kind: string }>(
          `SELECT kind FROM infra.notification WHERE recipient_id = $1 AND pairing_id = $2
            AND kind <> 'review_awaiting' ORDER BY created_at, kind`,
          [user.user.id, pairingId],
        )
      ).map((row) => row.kind);
    // Kedah's side rests Friday and Saturday: due soon Wed 16, due Sunday 20, escalated Wed 23.
    const kedah = () => kinds(reviewerMY, pairing['CN-MY-KEDAH']);
    // China decides its side at once; Malaysia's side is left to wait.
    const approved = await t.request({
      method: 'POST',
      url: `/api/v1/pairings/${tctp}/reviews`,
      headers: reviewerCN.auth,
      payload: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    // Due Friday 18; due soon Wednesday 16 (Mon 14 is a holiday); escalation 3 working days
    // after the due date, over the weekend: Wed 23.
    await sweepAt('2026-12-15T04:00:00Z');
    expect(await kinds(reviewerMY)).toEqual([]);
    await sweepAt('2026-12-16T04:00:00Z');
    expect(await kinds(reviewerMY)).toEqual(['review_due_soon']);
    await sweepAt('2026-12-18T04:00:00Z');
    expect(await kinds(reviewerMY)).toEqual(['review_due_soon', 'review_due']);
    expect(await kedah()).toEqual(['review_due_soon']);
    await sweepAt('2026-12-19T04:00:00Z'); // Saturday: overdue, not yet escalated
    expect(await kedah()).toEqual(['review_due_soon']);
    await sweepAt('2026-12-20T04:00:00Z'); // Sunday: a working day in Kedah, its due date
    expect(await kedah()).toEqual(['review_due_soon', 'review_due']);
    await sweepAt('2026-12-22T04:00:00Z');
    expect(await kinds(reviewerMY)).toEqual(['review_due_soon', 'review_due', 'review_overdue']);
    expect(await kedah()).toEqual(['review_due_soon', 'review_due', 'review_overdue']);
    expect(await kinds(admin)).toEqual([]);
    expect(await kinds(admin, pairing['CN-MY-KEDAH'])).toEqual(['review_escalated']); // China's side
    await sweepAt('2026-12-23T04:00:00Z');
    expect(await kedah()).toEqual([
      'review_due_soon',
      'review_due',
      'review_overdue',
      'review_escalated',
    ]);
    expect(await kinds(admin)).toEqual(['review_escalated']);
    expect(await kinds(reviewerMY)).toEqual([
      'review_due_soon',
      'review_due',
      'review_overdue',
      'review_escalated',
    ]);
    // The escalation went out by email at once (admins cannot turn it off).
    const mails = await t.db.query<{ to_address: string }>(
      `SELECT m.to_address FROM infra.mail_outbox m
         JOIN infra.notification n ON m.dedupe_key = 'notification:' || n.id
        WHERE n.recipient_id = $1 AND n.pairing_id = $2`,
      [admin.user.id, tctp],
    );
    expect(mails).toEqual([{ to_address: admin.user.email }]);
    // Two instances sweeping at once: one takes the lock; nothing is sent twice.
    const sweep = t.app.get(ReminderSweep);
    const [a, b] = await Promise.all([sweep.run(now), sweep.run(now)]);
    expect(a.sent + b.sent).toBe(0);

    // Timers never decide: the pairing still awaits Malaysia, with only China's decision.
    const pairingRow = await t.get<{ reviewState: string }>(
      `/api/v1/pairings/${tctp}`,
      analyst.auth,
    );
    expect(pairingRow.body.reviewState).toBe('submitted');
    const decisions = await t.db.query(
      `SELECT country_code FROM registry.pairing_review WHERE pairing_id = $1`,
      [tctp],
    );
    expect(decisions).toEqual([{ country_code: 'CN' }]);
  });

  it('lets no job, migration or other user record a decision (the database refuses)', async () => {
    const tctp = pairing['CN-MY-TCTP'];
    const tryWrite = async (actor: string, sql: string) => {
      try {
        await t.db.query(
          `DO $$ BEGIN PERFORM set_config('app.actor', '${actor}', true); ${sql}; END $$`,
        );
        return 'written';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(
      await tryWrite(
        'system:review-sweep',
        `INSERT INTO registry.pairing_review (pairing_id, round, country_code, decision, reviewer_id)
         VALUES ('${tctp}', 1, 'MY', 'approve', '${reviewerMY.user.id}')`,
      ),
    ).toMatch(/recorded only by the reviewer/);
    expect(
      await tryWrite(
        'system:review-sweep',
        `UPDATE registry.pairing SET review_state = 'approved' WHERE id = '${tctp}'`,
      ),
    ).toMatch(/only by a reviewer's decision/);
    expect(
      await tryWrite(
        reviewerCN.user.id,
        `UPDATE registry.pairing SET review_state = 'returned' WHERE id = '${tctp}'`,
      ),
    ).toMatch(/only by a reviewer's decision/);

    // And no code outside the pairing workflow writes decisions or review states.
    const writers = sourceFiles(join(__dirname, '..', 'src')).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /INSERT INTO registry\.pairing_review|insertReview\(|reviewState: outcome/.test(text);
    });
    expect(writers.map((file) => file.slice(file.indexOf('src')))).toEqual([
      join('src', 'modules', 'pairings', 'pairings.repository.ts'),
      join('src', 'modules', 'pairings', 'pairings.service.ts'),
    ]);
  });

  it('tells the officers of each decision, with the reason, and closes the other side’s round', async () => {
    const decide = (user: TestUser, id: string, decision: string, comment?: string) =>
      t.request({
        method: 'POST',
        url: `/api/v1/pairings/${id}/reviews`,
        headers: user.auth,
        payload: comment ? { decision, comment } : { decision },
      });
    const tctp = pairing['CN-MY-TCTP'];
    const kedah = pairing['CN-MY-KEDAH'];
    expect((await decide(reviewerMY, tctp, 'approve')).status).toBe(200);
    for (const officer of [officerMY, officerCN]) {
      expect((await notificationsOf(officer, 'pairing_approved')).map((n) => n.pairing_id)).toEqual(
        [tctp],
      );
    }
    expect(
      (await decide(reviewerCN, kedah, 'return', 'The industry list needs the 2025 plan')).status,
    ).toBe(200);
    for (const officer of [officerMY, officerCN]) {
      const [note] = await notificationsOf(officer, 'pairing_returned');
      expect(note.pairing_id).toBe(kedah);
      expect(note.body).toContain('The industry list needs the 2025 plan');
    }
    // Nothing awaits Malaysia any more: one pairing approved, the other returned.
    expect(await queue(reviewerMY, '?awaiting=me')).toEqual([]);
    // Resubmitted: a new round, dated from the new submission in Kedah's week.
    await submitAt('CN-MY-KEDAH', '2027-01-04T02:00:00Z');
    const [round2] = await queue(reviewerMY, '?awaiting=me');
    expect(round2).toMatchObject({
      pairingId: kedah,
      round: 2,
      dueOn: '2027-01-18',
      status: 'pending',
    });
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}
