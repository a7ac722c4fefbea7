/**
 * A client's first session, written only against the types openapi-typescript generates from
 * the live OpenAPI document: no casts, no `any`, no non-null assertions. The test
 * (test/openapi-client.e2e-spec.ts) generates ./generated/openapi.ts afresh, type-checks this
 * file against it with `--strict`, then runs it against the server, so a fault in the document
 * fails CI. To edit it with types in an editor, generate the file from a running service:
 *
 *   npx openapi-typescript http://localhost:3000/docs/openapi.json -o test/openapi-client/generated/openapi.ts
 *
 * (test/openapi-client/generated/ is not committed.)
 */
import { randomBytes } from 'node:crypto';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/openapi';

type Schemas = components['schemas'];

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface WalkthroughResult {
  readonly pairingReviewState: Schemas['PairingResponseDto']['reviewState'];
  readonly project: Schemas['ProjectResponseDto'];
  readonly history: Schemas['ChangeDto'][];
  readonly sectorRow: Schemas['SectorReportRowDto'] | undefined;
}

/** The data of a successful call, or an error naming the call, its status and problem. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }, call: string): T {
  if (result.data === undefined) {
    throw new Error(`${call}: HTTP ${result.response.status} ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

async function signIn(
  baseUrl: string,
  credentials: Credentials,
): Promise<Client<paths, 'application/json'>> {
  const anonymous = createClient<paths, 'application/json'>({ baseUrl });
  const login = ok(
    await anonymous.POST('/api/v1/auth/login', {
      body: { email: credentials.email, password: credentials.password },
    }),
    'login',
  );
  return createClient<paths, 'application/json'>({
    baseUrl,
    headers: { authorization: `${login.tokenType} ${login.accessToken}` },
  });
}

async function createReviewer(
  admin: Client<paths, 'application/json'>,
  countryCode: string,
  password: string,
): Promise<Credentials> {
  const email = `reviewer.${countryCode.toLowerCase()}.${randomBytes(4).toString('hex')}@example.org`;
  ok(
    await admin.POST('/api/v1/users', {
      body: { email, name: `Reviewer ${countryCode}`, password, role: 'reviewer', countryCode },
    }),
    `create the ${countryCode} reviewer`,
  );
  return { email, password };
}

async function createPark(
  admin: Client<paths, 'application/json'>,
  countryCode: string,
  tag: string,
): Promise<Schemas['ParkResponseDto']> {
  return ok(
    await admin.POST('/api/v1/parks', {
      body: {
        code: `${countryCode}-WALK${tag}`,
        name: `Walkthrough park ${countryCode} ${tag}`,
        countryCode,
        zoneType: 'industrial_park',
      },
    }),
    `create the ${countryCode} park`,
  );
}

/**
 * Signs in as an admin, pairs a Chinese and a Malaysian park, has reviewers of both sides
 * approve the pairing, logs a project with sources, changes it with If-Match, and reads its
 * history and the sector report.
 */
export async function walkthrough(
  baseUrl: string,
  adminCredentials: Credentials,
): Promise<WalkthroughResult> {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const admin = await signIn(baseUrl, adminCredentials);

  // Reviewers of both sides' countries, who did not submit the pairing.
  const reviewerCn = await createReviewer(admin, 'CN', adminCredentials.password);
  const reviewerMy = await createReviewer(admin, 'MY', adminCredentials.password);

  const parkCn = await createPark(admin, 'CN', tag);
  const parkMy = await createPark(admin, 'MY', tag);
  const pairing = ok(
    await admin.POST('/api/v1/pairings', {
      body: {
        code: `CN-MY-WALK${tag}`,
        name: `Walkthrough twin parks ${tag}`,
        status: 'proposed',
        sides: [
          { countryCode: 'CN', parkIds: [parkCn.id] },
          { countryCode: 'MY', parkIds: [parkMy.id] },
        ],
      },
    }),
    'create the pairing',
  );
  ok(
    await admin.POST('/api/v1/pairings/{id}/submit', { params: { path: { id: pairing.id } } }),
    'submit the pairing',
  );
  let reviewed: Schemas['PairingResponseDto'] = pairing;
  for (const reviewer of [reviewerCn, reviewerMy]) {
    const client = await signIn(baseUrl, reviewer);
    reviewed = ok(
      await client.POST('/api/v1/pairings/{id}/reviews', {
        params: { path: { id: pairing.id } },
        body: { decision: 'approve', comment: 'Agreed by the ministry.' },
      }),
      `approve as ${reviewer.email}`,
    );
  }

  const created = ok(
    await admin.POST('/api/v1/projects', {
      body: {
        title: `Walkthrough steel mill ${tag}`,
        parkId: parkMy.id,
        pairingId: pairing.id,
        type: 'greenfield',
        stage: 'pipeline',
        announcedOn: '2025-01-15',
        sectors: [{ code: '2410', percentage: 100 }],
        investment: { amount: '25000000.00', currency: 'USD' },
        jobsPlanned: 300,
        sources: [
          {
            url: 'https://example.org/press/steel-mill',
            title: 'Press release: steel mill',
            accessedOn: '2025-01-20',
          },
          { url: 'https://example.org/registry/filing', title: 'Company filing' },
        ],
      },
    }),
    'log the project',
  );

  const project = ok(
    await admin.PATCH('/api/v1/projects/{id}', {
      // Typed from the document: a misspelt or undeclared header fails the type check.
      params: {
        path: { id: created.id },
        header: {
          'If-Match': `"${created.version}"`,
          'X-Change-Reason': 'signed at the investment forum',
        },
      },
      body: { stage: 'signed', signedOn: '2025-03-01' },
    }),
    'change the project',
  );

  const history = ok(
    await admin.GET('/api/v1/projects/{id}/history', {
      params: { path: { id: project.id }, query: { sort: 'at' } },
    }),
    'read the history',
  );

  const report = ok(
    await admin.GET('/api/v1/reports/sectors', {
      params: { query: { level: 'class', pairing: pairing.id } },
    }),
    'read the sector report',
  );

  return {
    pairingReviewState: reviewed.reviewState,
    project,
    history: history.items,
    sectorRow: report.rows.find((row) => row.code === '2410'),
  };
}
