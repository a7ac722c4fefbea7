import { Global, Module } from '@nestjs/common';
import { AuditedTransactions } from './audited-transactions';

/** Shared database services for every feature module. */
@Global()
@Module({ providers: [AuditedTransactions], exports: [AuditedTransactions] })
export class DatabaseModule {}
