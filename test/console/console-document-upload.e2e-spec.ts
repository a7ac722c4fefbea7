import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../harness/test-app';
import { consoleAs, type ConsoleClient, csrfTokenOf } from '../support/console-client';
import { tinyPdf } from '../support/multipart';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const META = {
  title: 'Agreement on the China-Malaysia Qinzhou Industrial Park',
  titleZh: '关于中马钦州产业园区的协定',
  category: 'A09',
  language: 'en',
  documentDate: '2012-04-01',
  visibility: 'internal',
};

/** An ELF executable's first bytes: no allowed type, whatever its name says. */
const EXECUTABLE = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(56, 0),
]);

describe('console: attaching and archiving documents', () => {
  let t: TestApp;
  let officer: ConsoleClient;
  let analyst: ConsoleClient;
  let parkId: string;
  const pdf = tinyPdf('Qinzhou agreement (console test)');

  const rowCount = async () =>
    Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM registry.document`))[0].n);
  const stagedFiles = () =>
    readdir(join(t.dataDir, 'documents', 'staging')).catch(() => [] as string[]);
  const attach = (
    browser: ConsoleClient,
    fields: Record<string, string>,
    file: { name: string; type?: string; bytes: Buffer },
    options: { csrf?: string | null } = {},
  ) =>
    browser.postMultipart(`/parks/${parkId}/documents`, fields, [file], {
      from: `/parks/${parkId}/documents/new`,
      ...options,
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_SEAL_INTERVAL_SECONDS: '0', DOCUMENT_MAX_MB: '1' } });
    const admin = await t.signIn('admin');
    const park = await t.request<{ id: string }>({
      method: 'POST',
      url: '/api/v1/parks',
      headers: admin.auth,
      payload: {
        code: 'MY-MCKIP',
        name: 'Malaysia-China Kuantan Industrial Park',
        countryCode: 'MY',
        zoneType: 'industrial_park',
      },
    });
    parkId = park.body.id;
    officer = await consoleAs(t, 'officer', 'MY');
    analyst = await consoleAs(t, 'analyst');
  });
  afterAll(() => t.close());

  it("offers the upload to officers of the park's country only", async () => {
    const own = await officer.get(`/parks/${parkId}`);
    expect(own.text).toContain(`href="/parks/${parkId}/documents/new"`);
    const reader = await analyst.get(`/parks/${parkId}`);
    expect(reader.text).not.toContain('/documents/new');
    expect((await analyst.get(`/parks/${parkId}/documents/new`)).status).toBe(403);
    const other = await consoleAs(t, 'officer', 'TH');
    expect((await other.get(`/parks/${parkId}/documents/new`)).status).toBe(403);
    const refused = await attach(
      other,
      META,
      { name: 'a.pdf', bytes: pdf },
      {
        csrf: csrfTokenOf((await other.get('/')).text),
      },
    );
    expect(refused.status).toBe(403);
    expect(await rowCount()).toBe(0);
  });

  it('shows a form that works without script: token first, required choices, no default category', async () => {
    const form = await officer.get(`/parks/${parkId}/documents/new`);
    expect(form.status).toBe(200);
    const html = form.text;
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html.indexOf('name="_csrf"')).toBeLessThan(html.indexOf('name="title"'));
    expect(html.indexOf('name="reason"')).toBeLessThan(html.indexOf('name="file"'));
    expect(html).toMatch(
      /<select id="f-category" name="category"[^>]* required>\s*<option value="">Choose…<\/option>/,
    );
    expect(html).toContain('<option value="A09">A09 Memorandum of understanding');
    expect(html).toMatch(
      /<optgroup label="Languages of the region">[\s\S]*<option value="ms">Malay \(ms\)/,
    );
    expect(html).toMatch(/name="visibility" value="internal" checked/);
    expect(html).toContain('Largest file: 1 MB');
    expect(html).toMatch(/<input id="f-file" name="file" type="file" accept="[^"]*\.pdf/);
  });

  it('attaches a file, then shows its page with the full checksum and the audit row carries it', async () => {
    const response = await attach(
      officer,
      { ...META, reason: 'Signed text from the ministry' },
      {
        name: '中马钦州产业园区协定.pdf',
        type: 'application/pdf',
        bytes: pdf,
      },
    );
    expect(response.status).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/documents\/[0-9a-f-]{36}\?flash=attached$/);
    const id = location.split('/')[2].split('?')[0];
    const page = await officer.get(location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Document attached.');
    expect(page.text).toContain(sha256(pdf));
    expect(page.text).toContain('中马钦州产业园区协定.pdf');
    expect(page.text).toContain('<code>A09</code> Memorandum of understanding');
    expect(page.text).toContain('Signed text from the ministry');
    const [audit] = await t.db.query<{ sha: string; reason: string }>(
      `SELECT after->>'sha256' AS sha, reason FROM audit.change
       WHERE table_name = 'document' AND row_id = $1 AND op = 'insert'`,
      [id],
    );
    expect(audit).toEqual({ sha: sha256(pdf), reason: 'Signed text from the ministry' });
    const download = await analyst.get(`/documents/${id}/content`);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    const park = await analyst.get(`/parks/${parkId}`);
    expect(park.text).toContain(`href="/documents/${id}"`);
  });

  it('answers a second upload of the same file with a link to the one already there', async () => {
    const before = await rowCount();
    const again = await attach(officer, META, { name: 'copy.pdf', bytes: pdf });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already attached to this record');
    expect(again.text).toMatch(/href="\/documents\/[0-9a-f-]{36}">Open the document/);
    expect(again.text).not.toContain('existingId');
    expect(await rowCount()).toBe(before);
  });

  it('keeps what was typed and names each missing field, storing nothing', async () => {
    const before = await rowCount();
    const refused = await attach(
      officer,
      { titleZh: '没有英文标题', language: 'zh' },
      { name: 'b.pdf', bytes: tinyPdf('b') },
    );
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('id="f-title-error"');
    expect(refused.text).toContain('id="f-category-error"');
    expect(refused.text).toContain('value="没有英文标题"');
    expect(refused.text).toMatch(/<option value="zh" selected>/);
    expect(await rowCount()).toBe(before);
    expect(await stagedFiles()).toEqual([]);
  });

  it('refuses, at the file field, an executable named .pdf, a file over the limit and no file', async () => {
    const before = await rowCount();
    const executable = await attach(officer, META, {
      name: 'agreement.pdf',
      type: 'application/pdf',
      bytes: EXECUTABLE,
    });
    expect(executable.status).toBe(415);
    expect(executable.text).toMatch(/id="f-file-error">The file is [^<]*not an allowed type/);
    const big = Buffer.concat([tinyPdf('big'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const tooLarge = await attach(officer, META, { name: 'big.pdf', bytes: big });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toMatch(/id="f-file-error">The file is larger than 1 MB/);
    const none = await attach(officer, META, { name: '', bytes: Buffer.alloc(0) });
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose the file to attach.');
    expect(await rowCount()).toBe(before);
    expect(await stagedFiles()).toEqual([]);
  });

  it('refuses an upload without the form token before storing anything', async () => {
    const before = await rowCount();
    const refused = await attach(
      officer,
      META,
      { name: 'c.pdf', bytes: tinyPdf('c') },
      {
        csrf: null,
      },
    );
    expect(refused.status).toBe(403);
    expect(await rowCount()).toBe(before);
    expect(await stagedFiles()).toEqual([]);
  });

  it('archives with a reason; the history and audit pages show and link the document', async () => {
    const [{ id, version }] = await t.db.query<{ id: string; version: number }>(
      `SELECT id, version FROM registry.document WHERE park_id = $1 AND archived_at IS NULL`,
      [parkId],
    );
    const page = `/documents/${id}`;
    expect((await analyst.get(page)).text).not.toContain('/archive');
    const noReason = await officer.post(
      `${page}/archive`,
      { version: String(version) },
      { from: page },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="f-reason-error"');
    const stale = await officer.post(
      `${page}/archive`,
      { version: String(version + 5), reason: 'Wrong file' },
      { from: page },
    );
    expect(stale.status).toBe(412);
    const archived = await officer.post(
      `${page}/archive`,
      { version: String(version), reason: 'Superseded by the signed copy' },
      { from: page },
    );
    expect(archived.status).toBe(303);
    expect(archived.headers.location).toBe(`/parks/${parkId}?flash=documentArchived`);
    const park = await officer.get(String(archived.headers.location));
    expect(park.text).toContain('Document archived.');
    expect(park.text).not.toContain(`href="/documents/${id}"`);
    const after = await officer.get(page);
    expect(after.text).toContain('Archived');
    expect(after.text).toContain('Superseded by the signed copy');
    expect(after.text).not.toContain(`${page}/archive`);

    const history = await analyst.get(`/parks/${parkId}/history`);
    expect(history.text).toContain(`Document: <a href="/documents/${id}">${META.title}</a>`);
    const admin = await consoleAs(t, 'admin');
    const historyAsAdmin = await admin.get(`/parks/${parkId}/history`);
    const documentRows = historyAsAdmin.text
      .split('<tr>')
      .filter((row) => row.includes(`href="/documents/${id}"`));
    expect(documentRows.length).toBeGreaterThanOrEqual(2);
    for (const row of documentRows) expect(row).not.toContain('/revert');
    const audit = await analyst.get('/audit?table=document');
    expect(audit.text).toContain(`<a href="/documents/${id}"><code>document</code></a>`);
  });

  it('verify on the audit page covers the files and names a changed one', async () => {
    const admin = await consoleAs(t, 'admin');
    const ok = await admin.get('/audit/verify');
    expect(ok.text).toMatch(/1 document files \([\d,]+ bytes\) re-hashed/);
    const path = join(t.dataDir, 'documents', 'objects', sha256(pdf).slice(0, 2), sha256(pdf));
    const original = await readFile(path);
    await writeFile(path, Buffer.concat([original, Buffer.from('tampered')]));
    try {
      const broken = await admin.get('/audit/verify');
      expect(broken.text).toContain('Document files that do not match their audited SHA-256');
      expect(broken.text).toContain(`<code class="wrap">${sha256(pdf)}</code>: changed`);
    } finally {
      await writeFile(path, original);
    }
  });

  it('speaks Chinese on the form and the document page', async () => {
    await officer.get(`/language/zh?next=/parks/${parkId}`);
    const form = await officer.get(`/parks/${parkId}/documents/new`);
    expect(form.text).toContain('标题（英文）');
    expect(form.text).toContain('A09 谅解备忘录');
    expect(form.text).toMatch(/<option value="ms">马来语 \(ms\)/);
    const [{ id }] = await t.db.query<{ id: string }>(
      `SELECT id FROM registry.document WHERE park_id = $1`,
      [parkId],
    );
    const page = await officer.get(`/documents/${id}`);
    expect(page.text).toContain('<h1>关于中马钦州产业园区的协定</h1>');
    await officer.get(`/language/en?next=/`);
  });
});
