import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditedTransactions, type WriteContext } from '../../database/audited-transactions';
import type { UserResponseDto } from '../users/dto/user.dto';
import { decoyPasswordHash, verifyPassword } from '../users/password';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import type { Actor } from './actor';
import { ApiTokensRepository } from './api-tokens.repository';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { apiTokenNotFound, invalidCredentials, notAuthenticated } from './auth.errors';
import { LoginThrottle } from './login-throttle';
import {
  type AccessTokenDto,
  type ApiTokenListDto,
  type CreateApiTokenDto,
  type CreatedApiTokenDto,
  toApiTokenDto,
} from './dto/auth.dto';

/** API tokens carry this prefix, so they are told from JWTs without trying to parse them. */
export const API_TOKEN_PREFIX = 'tpr_';
const DEFAULT_TOKEN_DAYS = 90;
const TOUCH_INTERVAL_MS = 60_000;

interface JwtClaims {
  sub: string;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly tokens: ApiTokensRepository,
    private readonly consoleSessions: ConsoleSessionsRepository,
    private readonly throttle: LoginThrottle,
    private readonly jwt: JwtService,
    private readonly transactions: AuditedTransactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `clientIp` is the request's address (behind a trusted proxy, the forwarded one). */
  async login(
    email: string,
    password: string,
    clientIp: string | undefined,
  ): Promise<AccessTokenDto> {
    const user = await this.checkCredentials(email, password, clientIp);
    const claims: JwtClaims = { sub: user.id };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.auth.jwtTtlSeconds,
    };
  }

  /**
   * Signs in to the web console: the same credential check as `login`, answered with a session
   * secret for an httpOnly cookie. Only its SHA-256 is stored.
   */
  async startConsoleSession(
    email: string,
    password: string,
    clientIp: string | undefined,
  ): Promise<{ secret: string }> {
    const user = await this.checkCredentials(email, password, clientIp);
    const secret = randomBytes(32).toString('base64url');
    await this.consoleSessions.create({
      secretHash: sha256(secret),
      userId: user.id,
      idleMinutes: this.config.console.idleMinutes,
      maxHours: this.config.console.maxHours,
    });
    return { secret };
  }

  /** The actor behind a console session cookie; a stale or unknown session is 401. */
  async authenticateConsoleSession(secret: string | undefined): Promise<Actor> {
    if (!secret) throw notAuthenticated('Sign in to use the console.');
    const secretHash = sha256(secret);
    const session = await this.consoleSessions.findLive(secretHash);
    const user = session ? await this.users.findActive(session.userId) : null;
    if (!session || !user) throw notAuthenticated('Your session has ended; sign in again.');
    // The idle clock moves at most once a minute: most page views skip the write.
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.consoleSessions.touch(
        secretHash,
        this.config.console.idleMinutes,
        this.config.console.maxHours,
      );
    }
    return this.actorFor(user, { kind: 'console' });
  }

  async endConsoleSession(secret: string | undefined): Promise<void> {
    if (secret) await this.consoleSessions.delete(sha256(secret));
  }

  /**
   * The actor behind an Authorization header. The user comes from the instance's cache of
   * active users, which every change to a user invalidates on every instance (PostgreSQL
   * notifications), so a deactivation or a role change takes effect at once, for JWTs and API
   * tokens alike.
   */
  async authenticate(
    authorization: string | undefined,
    requestId: string | null = null,
  ): Promise<Actor> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw notAuthenticated();
    const credential = match[1];
    if (credential.startsWith(API_TOKEN_PREFIX)) {
      const token = await this.tokens.findUsable(sha256(credential));
      const user = token ? await this.users.findActive(token.userId) : null;
      if (!token || !user) throw notAuthenticated('The API token is unknown, revoked or expired.');
      // Last use is recorded at most once a minute: most requests skip the write entirely.
      if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
        await this.transactions.run({ actor: user.id, requestId, reason: null }, (manager) =>
          this.tokens.touch(manager, token.id),
        );
      }
      return this.actorFor(user, { kind: 'api_token', tokenId: token.id });
    }
    let claims: JwtClaims;
    try {
      claims = await this.jwt.verifyAsync<JwtClaims>(credential, { algorithms: ['HS256'] });
    } catch {
      throw notAuthenticated('The access token is invalid or expired; sign in again.');
    }
    const user = await this.users.findActive(claims.sub);
    if (!user) throw notAuthenticated('The account is not active.');
    return this.actorFor(user, { kind: 'jwt' });
  }

  me(actor: Actor): Promise<UserResponseDto> {
    return this.users.get(actor.userId);
  }

  async createToken(
    actor: Actor,
    dto: CreateApiTokenDto,
    context: WriteContext,
  ): Promise<CreatedApiTokenDto> {
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const days = dto.expiresInDays ?? DEFAULT_TOKEN_DAYS;
    const token = await this.transactions.run(context, (manager) =>
      this.tokens.insert(manager, {
        userId: actor.userId,
        name: dto.name,
        tokenHash: sha256(secret),
        tokenPrefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
        expiresAt: new Date(Date.now() + days * 86_400_000),
      }),
    );
    return { ...toApiTokenDto(token), token: secret };
  }

  async listTokens(actor: Actor): Promise<ApiTokenListDto> {
    const tokens = await this.tokens.listForUser(actor.userId);
    return { items: tokens.map(toApiTokenDto), nextCursor: null };
  }

  /** Your own tokens; admins may revoke anyone's. */
  async revokeToken(actor: Actor, id: string, context: WriteContext): Promise<void> {
    const revoked = await this.transactions.run(context, (manager) =>
      this.tokens.revoke(manager, id, actor.role === 'admin' ? null : actor.userId),
    );
    if (!revoked) throw apiTokenNotFound(id);
  }

  /**
   * One check for API and console sign-in alike, behind one throttle: an attempt over a limit
   * is refused before the password is looked at; until it proves right, it counts as a failure.
   */
  private async checkCredentials(
    email: string,
    password: string,
    clientIp: string | undefined,
  ): Promise<UserEntity> {
    const attempt = await this.throttle.begin(email, clientIp);
    const user = await this.users.findForLogin(email);
    // Unknown emails are checked against a decoy hash so timing does not reveal accounts.
    const passwordOk = await verifyPassword(
      password,
      user?.passwordHash ?? (await decoyPasswordHash()),
    );
    if (!user || !passwordOk || !user.active) {
      this.logger.warn(`Failed sign-in${user ? ` for user ${user.id}` : ''}`);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(attempt);
    return user;
  }

  private actorFor(user: UserEntity, via: Actor['via']): Actor {
    return {
      userId: user.id,
      email: user.email,
      role: user.role,
      countryCode: user.countryCode,
      via,
    };
  }
}
