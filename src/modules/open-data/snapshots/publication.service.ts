import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error';
import { PeriodicJob } from '../../../common/jobs/periodic-job';
import { pairingNotFound } from '../../pairings/pairings.errors';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { AuditedTransactions, systemContext } from '../../../database/audited-transactions';
import type { FeedContext } from '../feeds/feed-context';
import { checkFeeds, type FeedsCheck, type RenderedFeeds, renderFeeds } from '../feeds/open-feeds';
import { indexView, publishedDocuments, type PublishedView } from '../published/published-view';
import { PublishedViewRepository, type ReadView } from '../published/published-view.repository';
import { type SnapshotCause, type SnapshotRow, SnapshotsRepository } from './snapshots.repository';

const JOB = 'open-data';

/** A snapshot with its view, parsed once and kept while it is the one served. */
export interface LoadedSnapshot {
  readonly snapshot: SnapshotRow;
  readonly view: PublishedView;
  /** The sealed canonical JSON, as hashed. */
  readonly content: string;
  readonly feeds: RenderedFeeds;
}

export interface PublicationPreview {
  /** False until an admin names the publisher: then nothing would be published. */
  readonly publisherSet: boolean;
  readonly pairings: number;
  readonly projects: number;
  readonly documents: number;
  readonly check: FeedsCheck | null;
  readonly feeds: RenderedFeeds | null;
}

export interface PublishOutcome {
  readonly snapshot: SnapshotRow | null;
  /** Why nothing was written: no publisher named yet, or the view is the one last published. */
  readonly skipped: 'no_publisher' | 'unchanged' | null;
}

export interface SnapshotVerification {
  readonly id: number;
  readonly sha256: string;
  readonly regeneratedSha256: string;
  /** Regenerating the view from the audit trail at the snapshot's instant gave the same bytes. */
  readonly same: boolean;
}

export const publicationInvalid = (check: FeedsCheck): DomainError =>
  new DomainError(
    'rule_violated',
    'PUBLICATION_INVALID',
    'What this would publish does not validate against the IATI and OC4IDS schemas; nothing was changed.',
    {
      extensions: {
        iati: [...check.iati.schemaErrors, ...check.iati.codelistAndRuleErrors].slice(0, 20),
        oc4ids: [...check.oc4ids.schemaErrors, ...check.oc4ids.codelistAndRuleErrors].slice(0, 20),
      },
    },
  );

/**
 * Publication: reads the published view, and when it differs from the last snapshot and
 * validates, seals it as a new snapshot (an audited row with its SHA-256). The feeds are always
 * served from a snapshot, never from the live tables.
 */
@Injectable()
export class PublicationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PublicationService.name);
  private job: PeriodicJob | undefined;
  private served: LoadedSnapshot | undefined;
  private agencies: Promise<ReadonlySet<string>> | undefined;
  /** Recent verdicts by view hash and day: a reviewer's reload does not validate again. */
  private readonly checks = new Map<string, FeedsCheck>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly views: PublishedViewRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly transactions: AuditedTransactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const intervalMs = this.config.openData.publishIntervalSeconds * 1000;
    this.job = new PeriodicJob(
      'Open-data publication',
      intervalMs,
      () => this.publish('schedule'),
      this.logger,
    ).start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.job?.stop();
  }

  /**
   * Seals the current view if it changed (nothing is written without a publisher, or when the
   * view is the one last published). Invalid output is refused (422) and logged.
   */
  async publish(cause: SnapshotCause, actor?: string): Promise<PublishOutcome> {
    const context = actor
      ? { actor, requestId: null, reason: `open data: ${cause}` }
      : systemContext(JOB, `open data: ${cause}`);
    return this.transactions.run(context, async (manager) => {
      await this.snapshots.lockPublication(manager);
      const read = await this.views.live(manager);
      if (!read.view.publisher) return { snapshot: null, skipped: 'no_publisher' };
      const latest = await this.snapshots.latest(manager);
      if (latest?.sha256 === read.sha256) return { snapshot: null, skipped: 'unchanged' };
      const now = new Date();
      const agencies = await this.agencySet();
      const check = await this.checked(read, this.render(read.view, 0, now, agencies), now);
      if (!check.valid) {
        this.logger.error(`Open data not published (${cause}): the output does not validate`);
        throw publicationInvalid(check);
      }
      const snapshot = await this.snapshots.insert(manager, {
        cause,
        sha256: read.sha256,
        pgSnapshot: read.pgSnapshot,
        ...counts(read.view),
        content: read.content,
      });
      this.logger.log(`Open data snapshot ${snapshot.id} published (${cause})`);
      return { snapshot, skipped: null };
    });
  }

  /** For the API: publishes after a change, logging instead of failing the change itself. */
  async publishAfter(cause: SnapshotCause): Promise<void> {
    await this.publish(cause).catch((error: unknown) =>
      this.logger.warn(`Open data not republished after ${cause}: ${String(error)}`),
    );
  }

  /** What approving `pairingId` would publish, rendered and validated. */
  async preview(pairingId: string): Promise<PublicationPreview> {
    const found: unknown[] = await this.db.query(
      `SELECT 1 FROM registry.pairing WHERE id = $1 AND archived_at IS NULL`,
      [pairingId],
    );
    if (found.length === 0) {
      throw pairingNotFound(pairingId);
    }
    const read = await this.views.live(undefined, pairingId);
    const tally = counts(read.view);
    if (!read.view.publisher) return { publisherSet: false, ...tally, check: null, feeds: null };
    const now = new Date();
    const feeds = this.render(read.view, 0, now, await this.agencySet());
    return { publisherSet: true, ...tally, check: await this.checked(read, feeds, now), feeds };
  }

  private async checked(read: ReadView, feeds: RenderedFeeds, now: Date): Promise<FeedsCheck> {
    // The verdict depends on the view and on the day (dates in the future are refused).
    const key = `${read.sha256}:${now.toISOString().slice(0, 10)}`;
    let check = this.checks.get(key);
    if (!check) {
      check = await checkFeeds(feeds);
      if (this.checks.size >= 32) this.checks.delete(this.checks.keys().next().value ?? '');
      this.checks.set(key, check);
    }
    return check;
  }

  /** Refuses (422) an approval whose publication would not validate. */
  async assertApprovable(pairingId: string): Promise<void> {
    const preview = await this.preview(pairingId);
    if (preview.check && !preview.check.valid) throw publicationInvalid(preview.check);
  }

  /** The latest snapshot with its feeds (kept in memory while it stays the latest). */
  async latest(): Promise<LoadedSnapshot | null> {
    const snapshot = await this.snapshots.latest();
    if (!snapshot) return null;
    return this.load(snapshot);
  }

  async snapshot(id: number): Promise<LoadedSnapshot | null> {
    const snapshot = await this.snapshots.find(id);
    return snapshot ? this.load(snapshot) : null;
  }

  list(limit: number, before: number | null): Promise<SnapshotRow[]> {
    return this.snapshots.list(limit, before);
  }

  /** Rebuilds the snapshot's view from the audit trail as of its instant and compares hashes. */
  async verify(id: number): Promise<SnapshotVerification | null> {
    const snapshot = await this.snapshots.find(id);
    if (!snapshot) return null;
    const regenerated: ReadView = await this.views.asOf(snapshot.pg_snapshot);
    return {
      id,
      sha256: snapshot.sha256,
      regeneratedSha256: regenerated.sha256,
      same: regenerated.sha256 === snapshot.sha256,
    };
  }

  private async load(snapshot: SnapshotRow): Promise<LoadedSnapshot> {
    if (this.served?.snapshot.id === snapshot.id) return this.served;
    const content = await this.snapshots.content(snapshot.id);
    if (content === null) throw new Error(`snapshot ${snapshot.id} has no content`);
    const view = JSON.parse(content) as PublishedView;
    const feeds = this.render(view, snapshot.id, snapshot.published_at, await this.agencySet());
    const loaded = { snapshot, view, content, feeds };
    // Only the newest is kept: older ones are asked for rarely (the snapshot list links them).
    if (!this.served || snapshot.id > this.served.snapshot.id) this.served = loaded;
    return loaded;
  }

  private render(
    view: PublishedView,
    snapshotId: number,
    publishedAt: Date,
    agencies: ReadonlySet<string> = new Set(),
  ): RenderedFeeds {
    const context: FeedContext = {
      index: indexView(view),
      snapshotId,
      publishedAt,
      baseUrl: this.config.desk.publicUrl,
    };
    return renderFeeds(context, agencies);
  }

  /** Registration agency codes (reference data: read once per process). */
  private agencySet(): Promise<ReadonlySet<string>> {
    this.agencies ??= this.db
      .query(`SELECT code FROM registry.org_registration_agency WHERE NOT withdrawn`)
      .then((rows: { code: string }[]) => new Set(rows.map((row) => row.code)));
    return this.agencies;
  }
}

function counts(view: PublishedView) {
  return {
    pairings: view.pairings.length,
    projects: view.projects.length,
    documents: publishedDocuments(view).length,
  };
}
