import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { UserEntity } from './user.entity';

/** The channel the app_user trigger notifies on every update or delete (see its migration). */
export const USER_CHANGED_CHANNEL = 'twin_park_user_changed';
/** A safety net only: notifications, not age, are what keep entries true. */
const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

/**
 * Active users behind credentials, per instance, so that an authenticated request does not read
 * its user from the database every time. Every change to a user row notifies every instance
 * (a trigger's pg_notify, delivered at commit) and drops the entry, so a deactivation or a role
 * change still takes effect at once, on every instance.
 *
 * Correctness before speed: nothing is cached unless the LISTEN connection is up; when it drops,
 * the cache is emptied and bypassed until it is back. A read that raced a change (the
 * notification came between its SELECT and its remember) is not cached.
 */
@Injectable()
export class ActiveUserCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ActiveUserCache.name);
  private readonly entries = new Map<string, { user: UserEntity; at: number }>();
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  /** Bumped by every invalidation: a read started before one must not be cached. */
  private invalidations = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Take before reading a user from the database; pass to remember(). */
  get generation(): number {
    return this.invalidations;
  }

  get(id: string): UserEntity | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (Date.now() - entry.at > TTL_MS) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.user;
  }

  remember(user: UserEntity, generation: number): void {
    if (!this.listening || generation !== this.invalidations) return;
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(user.id, { user, at: Date.now() });
  }

  forget(id: string): void {
    this.invalidations += 1;
    this.entries.delete(id);
  }

  async onApplicationBootstrap(): Promise<void> {
    // USER_CACHE=false: never listening, so never caching; every request reads its user.
    if (this.config.auth.userCache) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.drop();
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  private async listen(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url, connectionTimeoutMillis: 3000 });
    client.on('notification', (message) => {
      if (message.payload) this.forget(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${USER_CHANGED_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
      this.entries.clear();
      this.listening = true;
    } catch {
      this.lost(client);
    }
  }

  private lost(client: Client): void {
    if (this.listener !== null && this.listener !== client) return;
    if (this.listening) this.logger.warn('User change notifications lost; not caching users');
    this.drop();
    this.listener = null;
    void client.end().catch(() => undefined);
    if (!this.stopped && this.retry === undefined) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        void this.listen();
      }, RECONNECT_MS);
      this.retry.unref();
    }
  }

  private drop(): void {
    this.listening = false;
    this.invalidations += 1;
    this.entries.clear();
  }
}
