import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { createValidationPipe } from './validation-pipe';

class Side {
  @IsString()
  countryCode!: string;
}

class Body {
  @IsInt()
  count!: number;

  @ValidateNested({ each: true })
  @Type(() => Side)
  sides!: Side[];
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();

  it('reports every failing field with its path, unknown fields included', async () => {
    const error = await pipe
      .transform(
        { count: 'x', sides: [{ countryCode: 'CN' }, { countryCode: 7, extra: true }], colour: 1 },
        {
          type: 'body',
          metatype: Body,
        },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const paths = (error as DomainError).options.errors
      ?.map((e) => `${e.path}: ${e.message}`)
      .sort();
    expect(paths).toEqual([
      'colour: unknown field',
      'count: count must be an integer number',
      'sides[1].countryCode: countryCode must be a string',
      'sides[1].extra: unknown field',
    ]);
  });

  it('passes and transforms a valid body', async () => {
    const value = (await pipe.transform(
      { count: 2, sides: [{ countryCode: 'MY' }] },
      { type: 'body', metatype: Body },
    )) as Body;
    expect(value).toBeInstanceOf(Body);
    expect(value.sides[0]).toBeInstanceOf(Side);
  });

  it('refuses a NUL character anywhere in the input, naming where, before validating', async () => {
    const error = await pipe
      .transform(
        { count: 2, sides: [{ countryCode: 'MY' }, { countryCode: 'C\u0000N' }] },
        { type: 'body', metatype: Body },
      )
      .catch((e: unknown) => e);
    expect((error as DomainError).options.errors).toEqual([
      { path: 'sides[1].countryCode', message: 'must not contain the NUL character (U+0000)' },
    ]);
    const query = await pipe
      .transform('a\u0000b', { type: 'query', metatype: String, data: 'q' })
      .catch((e: unknown) => e);
    expect((query as DomainError).options.errors?.[0]?.path).toBe('q');
  });
});
