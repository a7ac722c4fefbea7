import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ConsolePublic } from '../../auth/console-access';

interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

/** The console's few static files, read once at start and served from memory. */
function loadAssets(): ReadonlyMap<string, Asset> {
  const own = join(__dirname, '..', 'assets');
  return new Map([
    [
      'console.css',
      { type: 'text/css; charset=utf-8', body: readFileSync(join(own, 'console.css')) },
    ],
    [
      'console.js',
      { type: 'text/javascript; charset=utf-8', body: readFileSync(join(own, 'console.js')) },
    ],
    [
      'htmx.min.js',
      {
        type: 'text/javascript; charset=utf-8',
        body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')),
      },
    ],
  ]);
}

@Controller('assets')
export class AssetsController {
  private readonly assets = loadAssets();

  @Get(':name')
  @ConsolePublic()
  async asset(@Param('name') name: string, @Res() reply: FastifyReply): Promise<void> {
    const asset = this.assets.get(name);
    if (!asset) throw new DomainError('not_found', 'ASSET_NOT_FOUND', `No asset ${name}.`);
    await reply.header('cache-control', 'public, max-age=3600').type(asset.type).send(asset.body);
  }
}
