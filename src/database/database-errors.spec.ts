import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['refused connection', withCode('ECONNREFUSED')],
    ['reset connection', withCode('ECONNRESET')],
    ['admin shutdown', withCode('57P01')],
    ['starting up', withCode('57P03')],
    ['connection exception class', withCode('08006')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['terminated', new Error('Connection terminated unexpectedly')],
    ['wrapped by TypeORM', new QueryFailedError('SELECT 1', [], withCode('ECONNREFUSED'))],
    ['as a cause', new Error('outer', { cause: withCode('57P01') })],
    ['a transaction whose connection died', new QueryRunnerAlreadyReleasedError()],
    ['a manager whose connection died', new QueryRunnerProviderAlreadyReleasedError()],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', withCode('23505')],
    ['syntax error', withCode('42601')],
    ['plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
  ])('does not mistake %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
