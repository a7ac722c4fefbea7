import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error';
import { AuditedTransactions, systemContext } from './audited-transactions';

/** A data source whose transactions fail with the given errors first, then run the work. */
function flakyDataSource(failures: Error[]): { dataSource: DataSource; attempts: () => number } {
  let attempts = 0;
  const manager = { query: () => Promise.resolve([]) } as unknown as EntityManager;
  const dataSource = {
    transaction: async (work: (m: EntityManager) => Promise<unknown>) => {
      attempts += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return work(manager);
    },
  } as unknown as DataSource;
  return { dataSource, attempts: () => attempts };
}

const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
const serialization = Object.assign(new Error('could not serialize access'), {
  driverError: { code: '40001' },
});

describe('AuditedTransactions.run under write collisions', () => {
  it('runs a transaction that lost to a deadlock or a serialization failure again', async () => {
    const { dataSource, attempts } = flakyDataSource([deadlock, serialization]);
    const result = await new AuditedTransactions(dataSource).run(systemContext('t'), () =>
      Promise.resolve('written'),
    );
    expect(result).toBe('written');
    expect(attempts()).toBe(3);
  });

  it('gives up after four attempts with a 409 CONCURRENT_WRITE, never a 500', async () => {
    const { dataSource, attempts } = flakyDataSource([deadlock, deadlock, deadlock, deadlock]);
    const run = new AuditedTransactions(dataSource).run(systemContext('t'), () =>
      Promise.resolve('never'),
    );
    await expect(run).rejects.toMatchObject({ kind: 'conflict', code: 'CONCURRENT_WRITE' });
    await expect(run).rejects.toBeInstanceOf(DomainError);
    expect(attempts()).toBe(4);
  });

  it('passes any other error through at once', async () => {
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    const { dataSource, attempts } = flakyDataSource([unique]);
    await expect(
      new AuditedTransactions(dataSource).run(systemContext('t'), () => Promise.resolve(1)),
    ).rejects.toBe(unique);
    expect(attempts()).toBe(1);
  });
});
