import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, type TestDatabase } from '../harness/test-database';
import { type RunningService, startService, stopService } from '../process/service-process';
import { api, signIn } from './harness/service-api';
import { multipartBody, tinyPdf } from '../support/multipart';

const ADMIN = { email: 'upload.crash@example.org', password: 'an upload crash passphrase 7' };
/** Large enough that the upload is still streaming when the service is killed. */
const FILE_BYTES = 16 * 1024 * 1024;
const CHUNK = 256 * 1024;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A body sent a chunk at a time, slowly, as a large upload over a slow link arrives. */
function slowBody(bytes: Buffer): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    async pull(controller) {
      if (offset >= bytes.length) return controller.close();
      await sleep(10);
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + CHUNK)));
      offset += CHUNK;
    },
  });
}

/**
 * The service is SIGKILLed while a large document streams into its staging file: no row, no
 * stored file may remain, and the restarted service clears the abandoned staging file.
 */
describe('crash during a large document upload', () => {
  let db: TestDatabase;
  let dataDir: string;
  let service: RunningService | undefined;
  const env = () => ({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    AUDIT_SEAL_INTERVAL_SECONDS: '0',
    DEMO_DATA: 'false',
  });
  const staging = () => join(dataDir, 'documents', 'staging');
  const objects = async () => {
    const root = join(dataDir, 'documents', 'objects');
    const prefixes = await readdir(root).catch(() => [] as string[]);
    return (await Promise.all(prefixes.map((prefix) => readdir(join(root, prefix))))).flat();
  };
  const documentRows = async () =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM registry.document`))[0].n);
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'twin-park-upload-crash-'));
  });
  afterAll(async () => {
    if (service) await stopService(service.child, 'SIGKILL');
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('leaves no file and no row after SIGKILL mid-upload; the restart clears the staged part', async () => {
    service = await startService(env());
    const token = await signIn(service, ADMIN);
    const park = await api<{ id: string }>(service, token, '/parks', {
      method: 'POST',
      body: JSON.stringify({
        code: 'MY-UPLOAD',
        name: 'Upload crash park',
        countryCode: 'MY',
        zoneType: 'industrial_park',
      }),
    });
    expect(park.status).toBe(201);
    const parkId = park.body.id;

    const pdf = Buffer.concat([tinyPdf('large agreement'), Buffer.alloc(FILE_BYTES, 0x20)]);
    const form = await multipartBody(
      { title: 'Large agreement', category: 'A09', language: 'en' },
      [{ name: 'agreement.pdf', type: 'application/pdf', bytes: pdf }],
    );
    const send = (
      running: RunningService,
      bearer: string,
      body: Buffer | ReadableStream<Uint8Array>,
    ) =>
      fetch(`${running.apiUrl}/parks/${parkId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, ...form.headers },
        body,
        duplex: 'half',
      });
    const upload = send(service, token, slowBody(form.payload)).catch((error: unknown) => error);

    // Kill once a megabyte of the file sits in the staging area.
    let staged: string | undefined;
    for (let waited = 0; waited < 60_000 && !staged; waited += 20) {
      for (const name of await readdir(staging()).catch(() => [] as string[])) {
        if ((await stat(join(staging(), name))).size > 1024 * 1024) staged = name;
      }
      if (!staged) await sleep(20);
    }
    expect(staged).toBeDefined();
    service.child.kill('SIGKILL');
    await stopService(service.child);
    service = undefined;
    expect(await upload).toMatchObject({ name: 'TypeError' });

    expect(await documentRows()).toBe(0);
    expect(await objects()).toEqual([]);
    // The half-written part is all that is left, until the next start clears it.
    expect(await readdir(staging())).toEqual([staged]);

    service = await startService(env());
    expect(await readdir(staging())).toEqual([]);
    expect(await objects()).toEqual([]);

    // The same upload, uninterrupted, lands whole.
    const again = await signIn(service, ADMIN);
    const landed = await send(service, again, form.payload);
    expect(landed.status).toBe(201);
    const document = (await landed.json()) as { id: string; sha256: string };
    expect(document.sha256).toBe(sha256(pdf));
    expect(await objects()).toEqual([sha256(pdf)]);
    const verify = await api<{ ok: boolean }>(service, again, '/audit/verify');
    expect(verify.body).toMatchObject({ ok: true });
    expect(await stopService(service.child, 'SIGTERM')).toBe(0);
    service = undefined;
  }, 180_000);
});
