import { createSecretKey } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { ApiTokenEntity } from './api-token.entity';
import { ApiTokensRepository } from './api-tokens.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ConsoleSessionsRepository } from './console-sessions.repository';
import { LoginThrottle } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';

@Module({})
export class AuthModule {
  /** `jwtSecret` is resolved at start (config, or the file kept in DATA_DIR). */
  static forRoot(config: AppConfig, jwtSecret: string): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        UsersModule,
        TypeOrmModule.forFeature([ApiTokenEntity]),
        JwtModule.register({
          // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails, with a thrown
          // exception) to read the string as a PEM public key on every verify.
          secret: createSecretKey(Buffer.from(jwtSecret, 'utf8')),
          signOptions: { algorithm: 'HS256', expiresIn: config.auth.jwtTtlSeconds },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController],
      providers: [
        ApiTokensRepository,
        ConsoleSessionsRepository,
        LoginThrottleRepository,
        LoginThrottle,
        AuthService,
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
      exports: [AuthService],
    };
  }
}
