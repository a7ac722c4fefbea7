import { setTimeout as sleep } from 'node:timers/promises';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { expectProblem } from './support/problem';

interface Pairing {
  id: string;
  code: string;
  sides: { countryCode: string; parks: { id: string; code: string; name: string }[] }[];
  industries: { code: string; title: string; level: string }[];
  status: string;
  reviewState: string;
  reviewRound: number;
  submittedBy: string | null;
  version: number;
}

interface Rounds {
  reviewState: string;
  rounds: {
    round: number;
    submittedBy: string | null;
    submittedAt: string | null;
    decisions: {
      countryCode: string;
      decision: string;
      comment: string | null;
      reviewerId: string;
    }[];
  }[];
}

describe('pairings and the review workflow', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerCN: TestUser;
  let officerVN: TestUser;
  let reviewerMY: TestUser;
  let reviewerMY2: TestUser;
  let reviewerCN: TestUser;
  let reviewerVN: TestUser;
  let analyst: TestUser;
  const park: Record<string, string> = {};

  const createPark = async (
    code: string,
    countryCode: string,
    industries = [{ code: '24', primary: true }],
  ) => {
    const response = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/parks',
      headers: admin.auth,
      payload: {
        code,
        name: `${code} park`,
        countryCode,
        zoneType: 'industrial_park',
        status: 'operational',
        industries,
      },
    });
    expect(response.status).toBe(201);
    park[code] = response.body.id;
  };
  const cnMy = (code = 'CN-MY-TCTP') => ({
    code,
    name: 'China-Malaysia Two Countries Twin Parks',
    sides: [
      { countryCode: 'MY', parkIds: [park['MY-MCKIP']] },
      { countryCode: 'CN', parkIds: [park['CN-CMQIP']] },
    ],
    industries: [{ code: '24' }, { code: '10' }],
    agreementSignedOn: '2012-06-16',
    launchedOn: '2013-02-05',
    status: 'active',
  });
  const post = (user: TestUser, payload: unknown) =>
    t.request<Pairing>({
      method: 'POST',
      url: '/api/v1/pairings',
      headers: user.auth,
      payload: payload as Record<string, unknown>,
    });
  const read = async (id: string) =>
    (await t.get<Pairing>(`/api/v1/pairings/${id}`, analyst.auth)).body;
  const patch = async (user: TestUser, id: string, payload: Record<string, unknown>) =>
    t.request<Pairing>({
      method: 'PATCH',
      url: `/api/v1/pairings/${id}`,
      headers: { ...user.auth, 'if-match': `"${(await read(id)).version}"` },
      payload,
    });
  const submit = (user: TestUser, id: string) =>
    t.request<Pairing>({
      method: 'POST',
      url: `/api/v1/pairings/${id}/submit`,
      headers: user.auth,
    });
  const decide = (
    user: TestUser,
    id: string,
    decision: string,
    comment?: string,
    headers: Record<string, string> = {},
  ) =>
    t.request<Pairing>({
      method: 'POST',
      url: `/api/v1/pairings/${id}/reviews`,
      headers: { ...user.auth, ...headers },
      payload: comment === undefined ? { decision } : { decision, comment },
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0' } });
    [
      admin,
      officerMY,
      officerCN,
      officerVN,
      reviewerMY,
      reviewerMY2,
      reviewerCN,
      reviewerVN,
      analyst,
    ] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
      t.signIn('officer', 'VN'),
      t.signIn('reviewer', 'MY'),
      t.signIn('reviewer', 'MY'),
      t.signIn('reviewer', 'CN'),
      t.signIn('reviewer', 'VN'),
      t.signIn('analyst'),
    ]);
    await createPark('CN-CMQIP', 'CN', [{ code: '21', primary: true }]);
    await createPark('MY-MCKIP', 'MY');
    await createPark('CN-CIIP', 'CN');
    for (const code of ['ID-KIT', 'ID-AIP', 'ID-BIP']) await createPark(code, 'ID');
    await createPark('VN-LTIP', 'VN');
  });
  afterAll(() => t.close());

  it('creates a draft pairing with two sides, parks grouped by country', async () => {
    const created = await post(officerMY, cnMy());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'CN-MY-TCTP',
      reviewState: 'draft',
      reviewRound: 0,
      status: 'active',
      sides: [
        { countryCode: 'CN', parks: [{ id: park['CN-CMQIP'], code: 'CN-CMQIP' }] },
        { countryCode: 'MY', parks: [{ id: park['MY-MCKIP'], code: 'MY-MCKIP' }] },
      ],
    });
    expect(created.body.industries.map((i) => i.code)).toEqual(['10', '24']);
    // One Chinese park, three Indonesian ones; a park may be in several pairings.
    const cnId = await post(officerCN, {
      code: 'CN-ID-TCTP',
      name: 'China-Indonesia Two Countries Twin Parks',
      sides: [
        { countryCode: 'CN', parkIds: [park['CN-CIIP']] },
        { countryCode: 'ID', parkIds: [park['ID-KIT'], park['ID-AIP'], park['ID-BIP']] },
      ],
      industries: [{ code: '2410' }],
      status: 'proposed',
    });
    expect(cnId.status).toBe(201);
    expect(cnId.body.sides[1].parks).toHaveLength(3);
    const again = await post(admin, {
      ...cnMy('CN-MY-EXTRA'),
      sides: [
        { countryCode: 'CN', parkIds: [park['CN-CIIP']] },
        { countryCode: 'MY', parkIds: [park['MY-MCKIP']] },
      ],
      status: 'proposed',
    });
    expect(again.status).toBe(201);
  });

  it('refuses bad sides (400 naming the field), other countries’ officers (403) and a taken code (409)', async () => {
    const cases: [unknown, string][] = [
      [
        [
          { countryCode: 'MY', parkIds: [park['MY-MCKIP']] },
          { countryCode: 'MY', parkIds: [park['CN-CMQIP']] },
        ],
        'sides[1].countryCode',
      ],
      [
        [
          { countryCode: 'MY', parkIds: [park['CN-CMQIP']] },
          { countryCode: 'CN', parkIds: [park['MY-MCKIP']] },
        ],
        'sides[0].parkIds[0]',
      ],
      [
        [
          { countryCode: 'MY', parkIds: [park['MY-MCKIP']] },
          { countryCode: 'CN', parkIds: ['00000000-0000-4000-8000-000000000000'] },
        ],
        'sides[1].parkIds[0]',
      ],
      [[{ countryCode: 'MY', parkIds: [park['MY-MCKIP']] }], 'sides'],
      [
        [
          { countryCode: 'MY', parkIds: [] },
          { countryCode: 'CN', parkIds: [park['CN-CMQIP']] },
        ],
        'sides[0].parkIds',
      ],
    ];
    for (const [sides, path] of cases) {
      const problem = expectProblem(
        await post(admin, { ...cnMy('X-1'), sides }),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    }
    const badIndustry = await post(admin, { ...cnMy('X-2'), industries: [{ code: '9999' }] });
    expect(expectProblem(badIndustry, 400, 'VALIDATION_FAILED').errors?.[0]?.path).toBe(
      'industries[0].code',
    );
    expectProblem(await post(officerVN, cnMy('X-3')), 403, 'COUNTRY_SCOPE_FORBIDDEN');
    expect((await post(reviewerMY, cnMy('X-4'))).status).toBe(403);
    expectProblem(await post(admin, cnMy()), 409, 'PAIRING_CODE_TAKEN');
  });

  it('filters by country, park, industry with descendants, review state and status', async () => {
    const codes = async (query: string) =>
      (await t.get<{ items: Pairing[] }>(`/api/v1/pairings?${query}`, analyst.auth)).body.items.map(
        (p) => p.code,
      );
    expect(await codes('country=ID')).toEqual(['CN-ID-TCTP']);
    expect(await codes('country=cn')).toEqual(['CN-ID-TCTP', 'CN-MY-EXTRA', 'CN-MY-TCTP']);
    expect(await codes(`park=${park['MY-MCKIP']}`)).toEqual(['CN-MY-EXTRA', 'CN-MY-TCTP']);
    expect(await codes('industry=C&country=ID')).toEqual(['CN-ID-TCTP']);
    expect(await codes('industry=241')).toEqual(['CN-ID-TCTP']);
    expect(await codes('status=proposed')).toEqual(['CN-ID-TCTP', 'CN-MY-EXTRA']);
    expect(await codes('reviewState=submitted')).toEqual([]);
    expectProblem(
      await t.get('/api/v1/pairings?reviewState=pending', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await t.get('/api/v1/pairings?park=MY-MCKIP', analyst.auth),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('runs the whole workflow: submit, decisions per side, return, resubmit, approve, reset to draft', async () => {
    const { id } = (
      await t.get<{ items: Pairing[] }>('/api/v1/pairings?country=MY&status=active', analyst.auth)
    ).body.items[0];
    expectProblem(await submit(officerVN, id), 403, 'SUBMIT_FORBIDDEN');
    expectProblem(await decide(reviewerMY, id, 'approve'), 409, 'NOT_UNDER_REVIEW');

    const submitted = await submit(officerMY, id);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      reviewState: 'submitted',
      reviewRound: 1,
      submittedBy: officerMY.user.id,
    });
    expectProblem(await submit(officerCN, id), 409, 'INVALID_TRANSITION');
    expectProblem(await patch(officerMY, id, { name: 'Locked' }), 409, 'PAIRING_LOCKED');

    expectProblem(await decide(reviewerVN, id, 'approve'), 403, 'REVIEW_FORBIDDEN');
    expect((await decide(officerMY, id, 'approve')).status).toBe(403);
    const myApproves = await decide(reviewerMY, id, 'approve');
    expect(myApproves.body.reviewState).toBe('submitted');
    expectProblem(await decide(reviewerMY2, id, 'approve'), 409, 'ALREADY_DECIDED');
    expectProblem(await decide(reviewerCN, id, 'return'), 428, 'REASON_REQUIRED');
    const returned = await decide(reviewerCN, id, 'return', 'Add the port logistics park.');
    expect(returned.body.reviewState).toBe('returned');

    // Returned: officers may edit again, then resubmit for round 2.
    const edited = await patch(officerCN, id, {
      industries: [{ code: '24' }, { code: '10' }, { code: '52' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.reviewState).toBe('returned');
    expect((await submit(officerCN, id)).body).toMatchObject({
      reviewState: 'submitted',
      reviewRound: 2,
    });
    await decide(reviewerCN, id, 'approve');
    const approved = await decide(reviewerMY2, id, 'approve', 'Agreed by the ministry.');
    expect(approved.body.reviewState).toBe('approved');

    const rounds = (await t.get<Rounds>(`/api/v1/pairings/${id}/reviews`, officerVN.auth)).body;
    expect(rounds.reviewState).toBe('approved');
    expect(
      rounds.rounds.map((r) => [
        r.round,
        r.submittedBy,
        r.decisions.map((d) => `${d.countryCode}:${d.decision}`),
      ]),
    ).toEqual([
      [1, officerMY.user.id, ['MY:approve', 'CN:return']],
      [2, officerCN.user.id, ['CN:approve', 'MY:approve']],
    ]);
    expect(rounds.rounds[0].decisions[1]).toMatchObject({
      comment: 'Add the port logistics park.',
      reviewerId: reviewerCN.user.id,
    });

    // Approved: locked for officers; an admin's change of industries puts it back to draft,
    // while other fields keep the state.
    expectProblem(
      await patch(officerMY, id, { industries: [{ code: '24' }] }),
      409,
      'PAIRING_LOCKED',
    );
    expect((await patch(admin, id, { description: 'Flagship pair' })).body.reviewState).toBe(
      'approved',
    );
    expect((await patch(admin, id, { industries: [{ code: '24' }] })).body.reviewState).toBe(
      'draft',
    );
  });

  it('rejects for good, refuses the submitter as reviewer, and takes the reason from X-Change-Reason', async () => {
    const created = (await post(officerMY, { ...cnMy('CN-MY-R'), status: 'proposed' })).body;
    await submit(officerMY, created.id);
    // The submitter later became a reviewer: still cannot review their own submission.
    const submitter = await t.request<{ version: number }>({
      method: 'GET',
      url: `/api/v1/users/${officerMY.user.id}`,
      headers: admin.auth,
    });
    const promoted = await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${officerMY.user.id}`,
      headers: { ...admin.auth, 'if-match': `"${submitter.body.version}"` },
      payload: { role: 'reviewer' },
    });
    expect(promoted.status).toBe(200);
    expectProblem(await decide(officerMY, created.id, 'approve'), 403, 'SUBMITTER_CANNOT_REVIEW');
    await t.request({
      method: 'PATCH',
      url: `/api/v1/users/${officerMY.user.id}`,
      headers: { ...admin.auth, 'if-match': `"${submitter.body.version + 1}"` },
      payload: { role: 'officer' },
    });

    const rejected = await decide(reviewerCN, created.id, 'reject', undefined, {
      'x-change-reason': 'Duplicate of CN-MY-TCTP',
    });
    expect(rejected.body.reviewState).toBe('rejected');
    expectProblem(await submit(officerMY, created.id), 409, 'INVALID_TRANSITION');
    const history = await t.get<{ items: { table: string; reason: string | null }[] }>(
      `/api/v1/pairings/${created.id}/history`,
      analyst.auth,
    );
    expect(
      history.body.items.filter((c) => c.table === 'pairing_review').map((c) => c.reason),
    ).toEqual(['Duplicate of CN-MY-TCTP']);
  });

  it('lets two reviewers deciding at the same instant both count, and only one per side', async () => {
    for (let i = 0; i < 3; i++) {
      const created = (await post(officerCN, { ...cnMy(`CN-MY-C${i}`), status: 'proposed' })).body;
      await submit(officerCN, created.id);
      const [cn, my, my2] = await Promise.all([
        decide(reviewerCN, created.id, 'approve'),
        decide(reviewerMY, created.id, 'approve'),
        decide(reviewerMY2, created.id, 'approve'),
      ]);
      expect(cn.status).toBe(200);
      expect([my.status, my2.status].sort()).toEqual([200, 409]);
      expect((await read(created.id)).reviewState).toBe('approved');
      const rounds = (await t.get<Rounds>(`/api/v1/pairings/${created.id}/reviews`, analyst.auth))
        .body;
      expect(rounds.rounds[0].decisions).toHaveLength(2);
    }
  });

  it('keeps history with parks and industries, reads as of an instant, and reverts a link', async () => {
    const created = (await post(officerMY, { ...cnMy('CN-MY-H'), status: 'proposed' })).body;
    await sleep(5);
    const before = new Date().toISOString();
    await sleep(5);
    const edited = await patch(officerMY, created.id, {
      sides: [
        { countryCode: 'MY', parkIds: [park['MY-MCKIP']] },
        { countryCode: 'CN', parkIds: [park['CN-CMQIP'], park['CN-CIIP']] },
      ],
      industries: [{ code: '24' }, { code: '10' }, { code: '2710' }],
    });
    expect(edited.status).toBe(200);
    const then = (
      await t.get<Pairing>(`/api/v1/pairings/${created.id}?asOf=${before}`, analyst.auth)
    ).body;
    expect(then.sides[0].parks.map((p) => p.code)).toEqual(['CN-CMQIP']);
    expect(then.industries.map((i) => i.code)).toEqual(['10', '24']);

    const history = await t.get<{
      items: { id: string; table: string; op: string; after: Record<string, unknown> | null }[];
    }>(`/api/v1/pairings/${created.id}/history`, analyst.auth);
    const tables = history.body.items.map((c) => `${c.table}:${c.op}`);
    expect(tables).toContain('pairing_park:insert');
    expect(tables).toContain('pairing_industry:insert');
    const addedIndustry = history.body.items.find(
      (c) => c.table === 'pairing_industry' && c.after?.industryCode === '2710',
    );
    const reverted = await t.request<Pairing>({
      method: 'POST',
      url: `/api/v1/pairings/${created.id}/revert`,
      headers: { ...officerMY.auth, 'x-change-reason': 'not agreed yet' },
      payload: { changeId: addedIndustry?.id },
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body.industries.map((i) => i.code)).toEqual(['10', '24']);
  });

  it('will not archive a park on a side of a live pairing (409), and archives pairings with a reason', async () => {
    const parkRead = await t.get<{ version: number }>(
      `/api/v1/parks/${park['VN-LTIP']}`,
      admin.auth,
    );
    const vnPairing = (
      await post(admin, {
        ...cnMy('CN-VN-T'),
        sides: [
          { countryCode: 'CN', parkIds: [park['CN-CIIP']] },
          { countryCode: 'VN', parkIds: [park['VN-LTIP']] },
        ],
      })
    ).body;
    const archivePark = await t.request({
      method: 'DELETE',
      url: `/api/v1/parks/${park['VN-LTIP']}`,
      headers: {
        ...admin.auth,
        'if-match': `"${parkRead.body.version}"`,
        'x-change-reason': 'closed',
      },
    });
    expectProblem(archivePark, 409, 'PARK_IN_LIVE_PAIRING');
    const archived = await t.request({
      method: 'DELETE',
      url: `/api/v1/pairings/${vnPairing.id}`,
      headers: {
        ...officerVN.auth,
        'if-match': `"${vnPairing.version}"`,
        'x-change-reason': 'superseded',
      },
    });
    expect(archived.status).toBe(204);
    expectProblem(await submit(officerVN, vnPairing.id), 409, 'PAIRING_ARCHIVED');
  });
});
