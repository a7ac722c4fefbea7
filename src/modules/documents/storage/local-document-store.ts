import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ByteRange,
  type DocumentStore,
  SHA256_PATTERN,
  type StagedFile,
} from './document-store';

/** A staged upload older than this is abandoned whoever wrote it (no upload takes a day). */
const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const PROCESS_STARTED_AT = Date.now() - process.uptime() * 1000;

/**
 * The content-addressed store on the local file system, under DATA_DIR/documents:
 * `objects/ab/abcdef...` (named by SHA-256, read-only) and `staging/` for uploads in progress,
 * on the same file system so that committing is an atomic rename. A staged file's name carries
 * the host and process that writes it, so a restart can tell which ones a crash left behind.
 */
export class LocalDocumentStore implements DocumentStore {
  private readonly objects: string;
  private readonly staging: string;

  constructor(readonly location: string) {
    this.objects = join(location, 'objects');
    this.staging = join(location, 'staging');
  }

  async stage(source: Readable, maxBytes: number, tooLarge: () => Error): Promise<StagedFile> {
    await mkdir(this.staging, { recursive: true, mode: 0o700 });
    const path = join(this.staging, `${hostname()}.${process.pid}.${randomUUID()}.part`);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        sizeBytes += chunk.length;
        if (sizeBytes > maxBytes) return done(tooLarge());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      // On disk before the row that names it can commit.
      const handle = await open(path, 'r');
      await handle.sync().finally(() => handle.close());
    } catch (error) {
      await unlink(path).catch(() => undefined);
      throw error;
    }
    return { path, sha256: hash.digest('hex'), sizeBytes };
  }

  async commit(staged: StagedFile): Promise<void> {
    const target = this.pathOf(staged.sha256);
    if (await exists(target)) return this.discard(staged);
    const directory = join(this.objects, staged.sha256.slice(0, 2));
    await mkdir(directory, { recursive: true, mode: 0o700 });
    await chmod(staged.path, 0o400);
    await rename(staged.path, target);
    await syncDirectory(directory);
  }

  async discard(staged: StagedFile): Promise<void> {
    await unlink(staged.path).catch(() => undefined);
  }

  async open(sha256: string, range?: ByteRange): Promise<Readable | null> {
    const path = this.pathOf(sha256);
    if (!(await exists(path))) return null;
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async rehash(sha256: string): Promise<string | null> {
    const path = this.pathOf(sha256);
    if (!(await exists(path))) return null;
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return hash.digest('hex');
  }

  async *list(): AsyncIterable<string> {
    for (const prefix of await readdir(this.objects).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.objects, prefix)).catch(() => [] as string[])) {
        if (SHA256_PATTERN.test(name) && name.startsWith(prefix)) yield name;
      }
    }
  }

  async remove(sha256: string): Promise<void> {
    await unlink(this.pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  async clearAbandonedStaging(): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.staging).catch(() => [] as string[])) {
      const path = join(this.staging, name);
      const info = await stat(path).catch(() => null);
      if (!info || !isAbandoned(name, info.mtimeMs)) continue;
      await unlink(path).catch(() => undefined);
      removed += 1;
    }
    return removed;
  }

  private pathOf(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.objects, sha256.slice(0, 2), sha256);
  }
}

/**
 * Whether no live upload can still be writing this staged file: it is a day old, or this host's
 * process that wrote it is gone (or is this process, which had not started when it was written).
 */
function isAbandoned(name: string, modifiedAtMs: number): boolean {
  if (Date.now() - modifiedAtMs > STAGING_MAX_AGE_MS) return true;
  const match = /^(.+)\.(\d+)\.[0-9a-f-]{36}\.part$/.exec(name);
  if (!match) return true;
  const [, host, pidText] = match;
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (pid === process.pid) return modifiedAtMs < PROCESS_STARTED_AT;
  return !isRunning(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** fsync on the directory makes the rename itself durable. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  await handle.sync().finally(() => handle.close());
}
