import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DocumentMaintenance } from '../src/modules/documents/document-maintenance';
import { startTestApp, type TestApp, type TestUser } from './harness/test-app';
import { multipartBody, tinyPdf, type FilePart } from './support/multipart';

interface Document {
  id: string;
  recordType: string;
  recordId: string;
  title: string;
  titleZh: string | null;
  category: string;
  categoryName: string;
  language: string;
  documentDate: string | null;
  visibility: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  scan: string;
  contentUrl: string;
  version: number;
  archivedAt: string | null;
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
  detectedType?: string | null;
  declaredType?: string;
  existingId?: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const META = {
  title: 'Agreement on the China-Malaysia Qinzhou Industrial Park',
  category: 'A09',
  language: 'en',
};
/** An ELF executable's first bytes, padded: no allowed type. */
const EXECUTABLE = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(56, 0),
  Buffer.from('not really a program'),
]);

describe('documents: attach, download, archive, verify', () => {
  let t: TestApp;
  let admin: TestUser;
  let officerMY: TestUser;
  let officerCN: TestUser;
  let officerVN: TestUser;
  let reviewerMY: TestUser;
  let analyst: TestUser;
  const ids: Record<string, string> = {};
  const pdf = tinyPdf();

  const create = async (path: string, payload: Record<string, unknown>) => {
    const response = await t.request<{ id: string }>({
      method: 'POST',
      url: `/api/v1/${path}`,
      headers: admin.auth,
      payload,
    });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const upload = async (
    user: TestUser,
    record: string,
    file: FilePart,
    fields: Record<string, string> = META,
  ) => {
    const body = await multipartBody(fields, [file]);
    return t.request<Document & Problem>({
      method: 'POST',
      url: `/api/v1/${record}/documents`,
      headers: { ...user.auth, ...body.headers },
      payload: body.payload,
    });
  };
  const storedFiles = async () => {
    const root = join(t.dataDir, 'documents', 'objects');
    const prefixes = await readdir(root).catch(() => [] as string[]);
    const names = await Promise.all(prefixes.map((prefix) => readdir(join(root, prefix))));
    return names.flat();
  };
  const stagedFiles = () =>
    readdir(join(t.dataDir, 'documents', 'staging')).catch(() => [] as string[]);
  const rowCount = async () =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM registry.document`))[0].n);

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0', DOCUMENT_MAX_MB: '1' } });
    [admin, officerMY, officerCN, officerVN, reviewerMY, analyst] = await Promise.all([
      t.signIn('admin'),
      t.signIn('officer', 'MY'),
      t.signIn('officer', 'CN'),
      t.signIn('officer', 'VN'),
      t.signIn('reviewer', 'MY'),
      t.signIn('analyst'),
    ]);
    const park = (code: string, countryCode: string) => ({
      code,
      name: `${code} park`,
      countryCode,
      zoneType: 'industrial_park',
      status: 'operational',
    });
    ids.mckip = await create('parks', park('MY-MCKIP', 'MY'));
    ids.cmqip = await create('parks', park('CN-CMQIP', 'CN'));
    ids.pairing = await create('pairings', {
      code: 'CN-MY-TCTP',
      name: 'China-Malaysia Two Countries Twin Parks',
      sides: [
        { countryCode: 'MY', parkIds: [ids.mckip] },
        { countryCode: 'CN', parkIds: [ids.cmqip] },
      ],
      status: 'active',
    });
    ids.investor = await create('investors', {
      name: 'Alliance Steel (M) Sdn Bhd',
      countryCode: 'MY',
      type: 'private',
    });
    ids.project = await create('projects', {
      title: 'Integrated steel mill',
      parkId: ids.mckip,
      sectors: [{ code: '2410', percentage: 100 }],
      type: 'greenfield',
      stage: 'operational',
    });
  });
  afterAll(() => t.close());

  it('attaches a PDF to a park and gives it back byte for byte, with its checksum in the audit trail', async () => {
    const created = await upload(
      officerMY,
      `parks/${ids.mckip}`,
      {
        name: 'agreement.pdf',
        type: 'application/pdf',
        bytes: pdf,
      },
      {
        ...META,
        titleZh: '中马钦州产业园区协定',
        documentDate: '2012-04-01',
        visibility: 'public',
      },
    );
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/documents/${created.body.id}`);
    expect(created.body).toMatchObject({
      recordType: 'park',
      recordId: ids.mckip,
      title: META.title,
      titleZh: '中马钦州产业园区协定',
      category: 'A09',
      categoryName: 'Memorandum of understanding (If agreed by all parties)',
      language: 'en',
      documentDate: '2012-04-01',
      visibility: 'public',
      fileName: 'agreement.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      scan: 'unscanned',
      version: 1,
    });
    ids.parkDoc = created.body.id;

    const listed = await t.get<{ items: Document[] }>(
      `/api/v1/parks/${ids.mckip}/documents`,
      analyst.auth,
    );
    expect(listed.body.items.map((d) => d.id)).toEqual([ids.parkDoc]);
    const meta = await t.get<Document>(`/api/v1/documents/${ids.parkDoc}`, reviewerMY.auth);
    expect(meta.status).toBe(200);
    expect(meta.headers.etag).toBe('"1"');

    const download = await t.get(`/api/v1/documents/${ids.parkDoc}/content`, analyst.auth);
    expect(download.status).toBe(200);
    expect(sha256(download.rawPayload)).toBe(sha256(pdf));
    expect(download.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      etag: `"${sha256(pdf)}"`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'accept-ranges': 'bytes',
    });
    expect(download.headers['content-disposition']).toBe('attachment; filename=agreement.pdf');

    const [change] = await t.db.query<{
      actor: string;
      after: { sha256: string; size_bytes: number };
    }>(
      `SELECT actor, after FROM audit.change WHERE table_name = 'document' AND row_id = $1 AND op = 'insert'`,
      [ids.parkDoc],
    );
    expect(change.actor).toBe(officerMY.user.id);
    expect(change.after.sha256).toBe(sha256(pdf));
    expect(change.after.size_bytes).toBe(pdf.length);
  });

  it('serves byte ranges, 416 outside the file, and 304 for a matching ETag', async () => {
    const url = `/api/v1/documents/${ids.parkDoc}/content`;
    const part = await t.get(url, { ...analyst.auth, range: 'bytes=0-7' });
    expect(part.status).toBe(206);
    expect(part.rawPayload.toString('latin1')).toBe('%PDF-1.4');
    expect(part.headers['content-range']).toBe(`bytes 0-7/${pdf.length}`);
    const tail = await t.get(url, { ...analyst.auth, range: 'bytes=-6' });
    expect(tail.rawPayload.toString('latin1')).toBe('%%EOF\n');
    const outside = await t.get(url, { ...analyst.auth, range: `bytes=${pdf.length + 10}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${pdf.length}`);
    const stale = await t.get(url, { ...analyst.auth, range: 'bytes=0-7', 'if-range': '"other"' });
    expect(stale.status).toBe(200);
    const cached = await t.get(url, { ...analyst.auth, 'if-none-match': `"${sha256(pdf)}"` });
    expect(cached.status).toBe(304);
  });

  it('stores one file once however often it is attached, and refuses it twice on one record', async () => {
    const again = await upload(officerMY, `parks/${ids.mckip}`, { name: 'copy.pdf', bytes: pdf });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DOCUMENT_DUPLICATE', existingId: ids.parkDoc });
    const onProject = await upload(
      officerMY,
      `projects/${ids.project}`,
      {
        name: 'agreement.pdf',
        type: 'application/pdf',
        bytes: pdf,
      },
      { ...META, category: 'A11' },
    );
    expect(onProject.status).toBe(201);
    ids.projectDoc = onProject.body.id;
    expect(await storedFiles()).toEqual([sha256(pdf)]);
    expect(await stagedFiles()).toEqual([]);
  });

  it('decides the type from the bytes: an executable named .pdf is refused, naming both types', async () => {
    const before = await rowCount();
    const refused = await upload(officerMY, `parks/${ids.mckip}`, {
      name: 'agreement.pdf',
      type: 'application/pdf',
      bytes: EXECUTABLE,
    });
    expect(refused.status).toBe(415);
    expect(refused.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    expect(refused.body.detectedType).toBe('application/x-elf');
    expect(refused.body.declaredType).toContain('application/pdf');
    expect(refused.body.detail).toContain('application/x-elf');
    // A real PDF declared as an image, and a PDF named .docx: the bytes win, and it is said.
    const declaredPng = await upload(officerMY, `parks/${ids.mckip}`, {
      name: 'scan.png',
      type: 'image/png',
      bytes: tinyPdf('other'),
    });
    expect(declaredPng.status).toBe(415);
    expect(declaredPng.body).toMatchObject({
      code: 'DOCUMENT_TYPE_MISMATCH',
      detectedType: 'application/pdf',
    });
    const binaryText = await upload(officerMY, `parks/${ids.mckip}`, {
      name: 'notes.txt',
      bytes: Buffer.from('plain words\u0000\u0001 and then binary'),
    });
    expect(binaryText.status).toBe(415);
    expect(await rowCount()).toBe(before);
    expect(await storedFiles()).toEqual([sha256(pdf)]);
    expect(await stagedFiles()).toEqual([]);
  });

  it('knows text and CSV by their bytes', async () => {
    const csv = await upload(
      officerMY,
      `parks/${ids.mckip}`,
      {
        name: 'tenants.csv',
        type: 'application/vnd.ms-excel',
        bytes: 'tenant,jobs\n"Alliance Steel, Kuantan",3500\nGuangxi Beibu Gulf,800\n',
      },
      { ...META, title: 'Tenants', category: 'A08' },
    );
    expect(csv.status).toBe(201);
    expect(csv.body.mediaType).toBe('text/csv');
    const text = await upload(
      officerMY,
      `parks/${ids.mckip}`,
      {
        name: '说明.txt',
        bytes: '园区说明：钦州与关丹。\nNotes on the park.\n',
      },
      { ...META, title: 'Notes', category: 'A02', language: 'zh' },
    );
    expect(text.status).toBe(201);
    expect(text.body).toMatchObject({ mediaType: 'text/plain', fileName: '说明.txt' });
    const download = await t.get(`/api/v1/documents/${text.body.id}/content`, analyst.auth);
    expect(download.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('downloads a Chinese file name as it was uploaded (RFC 5987 filename*)', async () => {
    const name = '中马钦州产业园协议 2012.pdf';
    const created = await upload(officerCN, `pairings/${ids.pairing}`, {
      name,
      type: 'application/pdf',
      bytes: tinyPdf('pairing agreement'),
    });
    expect(created.status).toBe(201);
    expect(created.body.fileName).toBe(name);
    ids.pairingDoc = created.body.id;
    const download = await t.get(`/api/v1/documents/${created.body.id}/content`, reviewerMY.auth);
    const disposition = String(download.headers['content-disposition']);
    expect(disposition.startsWith('attachment;')).toBe(true);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(name);
    // The plain filename= fallback stays ASCII.
    expect(/filename="([^"]*)"/.exec(disposition)?.[1]).toMatch(/^[\x20-\x7e]+$/);
  });

  it('lets only the writers of a record attach to it', async () => {
    const file = { name: 'memo.pdf', type: 'application/pdf', bytes: tinyPdf('memo') };
    const otherCountry = await upload(officerCN, `parks/${ids.mckip}`, file);
    expect(otherCountry.status).toBe(403);
    expect(otherCountry.body.code).toBe('COUNTRY_SCOPE_FORBIDDEN');
    expect((await upload(officerVN, `pairings/${ids.pairing}`, file)).status).toBe(403);
    expect((await upload(officerVN, `projects/${ids.project}`, file)).status).toBe(403);
    expect((await upload(analyst, `parks/${ids.mckip}`, file)).status).toBe(403);
    expect((await upload(reviewerMY, `parks/${ids.mckip}`, file)).status).toBe(403);
    // Investors are shared: any country's officer attaches to them.
    const investor = await upload(officerVN, `investors/${ids.investor}`, file, {
      ...META,
      category: 'B01',
    });
    expect(investor.status).toBe(201);
    ids.investorDoc = investor.body.id;
    const missing = await upload(officerMY, `parks/00000000-0000-4000-8000-000000000000`, file);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('PARK_NOT_FOUND');
    // Nobody outside the record's writers may archive or change its documents either.
    const archive = await t.request({
      method: 'DELETE',
      url: `/api/v1/documents/${ids.parkDoc}`,
      headers: { ...officerCN.auth, 'if-match': '"1"', 'x-change-reason': 'not mine' },
    });
    expect(archive.status).toBe(403);
  });

  it('refuses bad metadata by field, and an upload without a file', async () => {
    const file = { name: 'a.pdf', type: 'application/pdf', bytes: tinyPdf('fields') };
    const badCategory = await upload(officerMY, `parks/${ids.mckip}`, file, {
      ...META,
      category: 'A99',
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.errors?.[0].path).toBe('category');
    const badLanguage = await upload(officerMY, `parks/${ids.mckip}`, file, {
      ...META,
      language: 'qq',
    });
    expect(badLanguage.status).toBe(400);
    expect(badLanguage.body.errors?.[0].path).toBe('language');
    const noTitle = await upload(officerMY, `parks/${ids.mckip}`, file, {
      category: 'A09',
      language: 'en',
    });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors?.map((e) => e.path)).toContain('title');
    const badDate = await upload(officerMY, `parks/${ids.mckip}`, file, {
      ...META,
      documentDate: '2026-13-01',
    });
    expect(badDate.status).toBe(400);
    const fieldsOnly = await multipartBody(META);
    const noFile = await t.request<Problem>({
      method: 'POST',
      url: `/api/v1/parks/${ids.mckip}/documents`,
      headers: { ...officerMY.auth, ...fieldsOnly.headers },
      payload: fieldsOnly.payload,
    });
    expect(noFile.status).toBe(400);
    expect(noFile.body.code).toBe('FILE_REQUIRED');
    const json = await t.request<Problem>({
      method: 'POST',
      url: `/api/v1/parks/${ids.mckip}/documents`,
      headers: officerMY.auth,
      payload: META,
    });
    expect(json.status).toBe(415);
    expect(await stagedFiles()).toEqual([]);
  });

  it('answers 413 over DOCUMENT_MAX_MB and keeps nothing', async () => {
    const before = { rows: await rowCount(), files: await storedFiles() };
    const big = Buffer.concat([tinyPdf('big'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const refused = await upload(officerMY, `parks/${ids.mckip}`, {
      name: 'big.pdf',
      type: 'application/pdf',
      bytes: big,
    });
    expect(refused.status).toBe(413);
    expect(refused.body.code).toBe('DOCUMENT_TOO_LARGE');
    expect(refused.body.detail).toContain('1 MB');
    const two = await multipartBody(META, [
      { name: 'a.pdf', bytes: tinyPdf('a') },
      { name: 'b.pdf', bytes: tinyPdf('b') },
    ]);
    const twoFiles = await t.request<Problem>({
      method: 'POST',
      url: `/api/v1/parks/${ids.mckip}/documents`,
      headers: { ...officerMY.auth, ...two.headers },
      payload: two.payload,
    });
    expect(twoFiles.status).toBe(413);
    expect(await rowCount()).toBe(before.rows);
    expect(await storedFiles()).toEqual(before.files);
    expect(await stagedFiles()).toEqual([]);
  });

  it('lets a source cite one of the record own documents, and no other record document', async () => {
    const park = await t.get<{ version: number }>(`/api/v1/parks/${ids.mckip}`, analyst.auth);
    const cite = (documentId: string, version: number) =>
      t.request<Problem & { sources: unknown[]; version: number }>({
        method: 'PATCH',
        url: `/api/v1/parks/${ids.mckip}`,
        headers: { ...officerMY.auth, 'if-match': `"${version}"` },
        payload: { sources: [{ title: 'The agreement (attached)', documentId }] },
      });
    const cited = await cite(ids.parkDoc, park.body.version);
    expect(cited.status).toBe(200);
    expect(cited.body.sources).toEqual([
      { title: 'The agreement (attached)', documentId: ids.parkDoc, accessedOn: null },
    ]);
    const foreign = await cite(ids.projectDoc, cited.body.version);
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('SOURCE_DOCUMENT_NOT_ATTACHED');
    expect(foreign.body.errors?.[0].path).toBe('sources');
    const neither = await t.request<Problem>({
      method: 'PATCH',
      url: `/api/v1/parks/${ids.mckip}`,
      headers: { ...officerMY.auth, 'if-match': `"${cited.body.version}"` },
      payload: { sources: [{ title: 'Nothing to point at' }] },
    });
    expect(neither.status).toBe(400);
    expect(neither.body.errors?.[0].path).toBe('sources[0].url');
  });

  it('changes metadata under If-Match, archives with a reason, and shows both in the record history', async () => {
    const url = `/api/v1/documents/${ids.projectDoc}`;
    const changed = await t.request<Document & Problem>({
      method: 'PATCH',
      url,
      headers: { ...officerMY.auth, 'if-match': '"1"' },
      payload: { title: 'Investment agreement', visibility: 'public' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      title: 'Investment agreement',
      visibility: 'public',
      version: 2,
    });
    const stale = await t.request<Problem>({
      method: 'PATCH',
      url,
      headers: { ...officerMY.auth, 'if-match': '"1"' },
      payload: { title: 'Lost update' },
    });
    expect(stale.status).toBe(412);
    const noReason = await t.request<Problem>({
      method: 'DELETE',
      url,
      headers: { ...officerMY.auth, 'if-match': '"2"' },
    });
    expect(noReason.status).toBe(428);
    const archived = await t.request({
      method: 'DELETE',
      url,
      headers: {
        ...officerMY.auth,
        'if-match': '"2"',
        'x-change-reason': 'Superseded by the signed copy',
      },
    });
    expect(archived.status).toBe(204);
    const live = await t.get<{ items: Document[] }>(
      `/api/v1/projects/${ids.project}/documents`,
      analyst.auth,
    );
    expect(live.body.items).toEqual([]);
    const all = await t.get<{ items: Document[] }>(
      `/api/v1/projects/${ids.project}/documents?includeArchived=true`,
      analyst.auth,
    );
    expect(all.body.items[0].archivedAt).not.toBeNull();
    expect((await t.get(`${url}/content`, analyst.auth)).status).toBe(200);
    const history = await t.get<{
      items: { table: string; op: string; reason: string | null }[];
    }>(`/api/v1/projects/${ids.project}/history`, analyst.auth);
    const documentChanges = history.body.items.filter((change) => change.table === 'document');
    expect(documentChanges.map((change) => change.op)).toEqual(['update', 'update', 'insert']);
    expect(documentChanges[0].reason).toBe('Superseded by the signed copy');
  });

  it('verify re-hashes the stored files and reports a changed or missing one', async () => {
    const ok = await t.get<{
      ok: boolean;
      documents: { ok: boolean; checkedFiles: number; faults: unknown[] };
    }>('/api/v1/audit/verify', admin.auth);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.documents.ok).toBe(true);
    expect(ok.body.documents.checkedFiles).toBeGreaterThanOrEqual(4);

    const path = join(t.dataDir, 'documents', 'objects', sha256(pdf).slice(0, 2), sha256(pdf));
    const original = await readFile(path);
    await chmod(path, 0o600);
    await writeFile(path, Buffer.concat([original, Buffer.from('tampered')]));
    const changed = await t.get<{
      ok: boolean;
      documents: {
        ok: boolean;
        faults: { sha256: string; problem: string; documentIds: string[] }[];
      };
    }>('/api/v1/audit/verify', admin.auth);
    expect(changed.body.ok).toBe(false);
    expect(changed.body.documents.faults).toEqual([
      expect.objectContaining({
        sha256: sha256(pdf),
        problem: 'changed',
        documentIds: [ids.parkDoc, ids.projectDoc].sort(),
      }),
    ]);
    await unlink(path);
    const missing = await t.get<{ documents: { faults: { problem: string }[] } }>(
      '/api/v1/audit/verify',
      admin.auth,
    );
    expect(missing.body.documents.faults[0].problem).toBe('missing');
    const download = await t.get<Problem>(`/api/v1/documents/${ids.parkDoc}/content`, analyst.auth);
    expect(download.status).toBe(503);
    expect(download.body.code).toBe('DOCUMENT_CONTENT_MISSING');
    await writeFile(path, original);
    expect((await t.get<{ ok: boolean }>('/api/v1/audit/verify', admin.auth)).body.ok).toBe(true);
  });

  it('removes what a crash left behind at start: staged uploads and files no row refers to', async () => {
    const staging = join(t.dataDir, 'documents', 'staging');
    await mkdir(staging, { recursive: true });
    // A process of this host that is gone (pid 2^22 + 1 is above Linux's default pid_max).
    await writeFile(
      join(staging, `${hostname()}.4194305.00000000-0000-4000-8000-000000000000.part`),
      'half',
    );
    const orphan = Buffer.from('a file whose row never committed');
    const orphanDir = join(t.dataDir, 'documents', 'objects', sha256(orphan).slice(0, 2));
    await mkdir(orphanDir, { recursive: true });
    await writeFile(join(orphanDir, sha256(orphan)), orphan);
    const result = await t.app.get(DocumentMaintenance).tidyStore();
    expect(result).toEqual({ staged: 1, unreferenced: 1 });
    expect(await stagedFiles()).toEqual([]);
    expect(await storedFiles()).not.toContain(sha256(orphan));
    expect(await storedFiles()).toContain(sha256(pdf));
  });

  it('lists the IATI document categories', async () => {
    const categories = await t.get<{ code: string; name: string; nameZh: string }[]>(
      '/api/v1/document-categories',
      analyst.auth,
    );
    expect(categories.body).toHaveLength(30);
    expect(categories.body.find((c) => c.code === 'A11')).toMatchObject({
      name: 'Contract',
      nameZh: '合同',
    });
  });
});
