import type { Readable } from 'node:stream';

/** A file received and hashed, waiting in the store's staging area to be committed or dropped. */
export interface StagedFile {
  /** Where the bytes are now (a path the store can read, e.g. for scanning and type detection). */
  readonly path: string;
  readonly sha256: string;
  readonly sizeBytes: number;
}

/** Bytes in [start, end], both inclusive (an HTTP byte range). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where documents' bytes live: a content-addressed store, each file named by its SHA-256, so
 * two uploads of one file store it once and a file's name proves its contents. The registry
 * keeps only the hash in PostgreSQL. This interface is what an object store (S3, MinIO) would
 * implement beside the local one.
 */
export interface DocumentStore {
  /** A description for logs and the README's backup advice, e.g. the directory. */
  readonly location: string;

  /**
   * Streams `source` into the staging area while hashing it. Stops with `tooLarge()` once more
   * than `maxBytes` arrived. On any failure nothing stays behind.
   */
  stage(source: Readable, maxBytes: number, tooLarge: () => Error): Promise<StagedFile>;

  /** Moves a staged file to its content address (atomic); drops it when that content is stored already. */
  commit(staged: StagedFile): Promise<void>;

  /** Drops a staged file that will not be committed. */
  discard(staged: StagedFile): Promise<void>;

  /** The stored file's bytes (all, or one range); null when no file has that hash. */
  open(sha256: string, range?: ByteRange): Promise<Readable | null>;

  /** Hashes the stored file again: its SHA-256 now, or null when it is missing. */
  rehash(sha256: string): Promise<string | null>;

  /** Every stored hash (for the sweep of files no row refers to). */
  list(): AsyncIterable<string>;

  remove(sha256: string): Promise<void>;

  /** Removes staged files that no upload will finish (left by a crash); how many. */
  clearAbandonedStaging(): Promise<number>;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
