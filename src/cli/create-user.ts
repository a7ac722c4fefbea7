/**
 * Creates a user from the shell, through the same validation and service as the API:
 *
 *   npm run user:create -- --email officer.my@example.org --name "Aminah" --role officer --country MY
 *
 * Without --password a strong one is generated and printed once. Uses DATABASE_URL, or the
 * embedded PostgreSQL under DATA_DIR (start the service once first, or this starts it).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { flattenValidationErrors } from '../common/validation/validation-pipe';
import { loadConfig } from '../config/app-config';
import { connectDatabase } from '../database/database-connection';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrationsLocked } from '../database/migrate';
import { systemContext } from '../database/audited-transactions';
import { DatabaseModule } from '../database/database.module';
import { CreateUserDto } from '../modules/users/dto/user.dto';
import { generatePassword } from '../modules/users/password';
import { UsersModule } from '../modules/users/users.module';
import { UsersService } from '../modules/users/users.service';
import { runCli } from './run-cli';

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      country: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const generated = values.password ? null : generatePassword();
  const dto = plainToInstance(CreateUserDto, {
    email: values.email,
    name: values.name,
    role: values.role,
    countryCode: values.country ?? null,
    password: values.password ?? generated,
  });
  const errors = flattenValidationErrors(await validate(dto, { forbidUnknownValues: true }));
  if (errors.length > 0) {
    for (const error of errors)
      print(`--${error.path === 'countryCode' ? 'country' : error.path}: ${error.message}`);
    print(
      'usage: npm run user:create -- --email E --name N --role admin|officer|reviewer|analyst [--country CC] [--password P]',
    );
    return 2;
  }

  const config = loadConfig();
  const connection = await connectDatabase(config, () => {});
  try {
    const migrations = new DataSource(dataSourceOptions(connection.url));
    await migrations.initialize();
    await runMigrationsLocked(migrations).finally(() => migrations.destroy());

    @Module({
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(connection.url)),
        DatabaseModule,
        UsersModule,
      ],
    })
    class CreateUserModule {}
    const context = await NestFactory.createApplicationContext(CreateUserModule, { logger: false });
    try {
      const user = await context.get(UsersService).create(dto, systemContext('user-create'));
      print(
        `created ${user.role} ${user.email}${user.countryCode ? ` (${user.countryCode})` : ''}, id ${user.id}`,
      );
      if (generated) print(`generated password (shown once): ${generated}`);
      return 0;
    } catch (error) {
      if (error instanceof DomainError) {
        print(error.message);
        return 1;
      }
      throw error;
    } finally {
      await context.close();
    }
  } finally {
    await connection.release();
  }
}

runCli(main);
