import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, MinLength, ValidateNested } from 'class-validator';
import { DomainError } from '../../src/common/errors/domain-error';
import { Public } from '../../src/modules/auth/access.decorator';

class FixtureItem {
  @IsString()
  @MinLength(1)
  name!: string;
}

class FixtureBody {
  @IsString()
  @MinLength(1)
  name!: string;

  @IsOptional()
  @IsInt()
  count?: number;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => FixtureItem)
  items?: FixtureItem[];
}

/**
 * Routes that exist only in tests, to exercise the shared HTTP layer (body parsing, validation,
 * error mapping) before the features that will use it exist.
 */
@Public()
@Controller('test-fixtures')
class HttpFixtureController {
  @Post('echo')
  echo(@Body() body: FixtureBody): FixtureBody {
    return body;
  }

  @Get('crash')
  crash(): never {
    throw new Error('connection to 10.0.0.7 failed: password=hunter2 at /srv/app/secret.ts:12');
  }

  @Get('conflict')
  conflict(): never {
    throw new DomainError('conflict', 'FIXTURE_CONFLICT', 'It clashes with something.', {
      extensions: { existingId: 'abc' },
    });
  }
}

@Module({ controllers: [HttpFixtureController] })
export class HttpFixtureModule {}
