import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../../common/errors/domain-error';
import { ConsolePublic } from '../../auth/console-access';

interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly cacheControl: string;
}

/** Script and stylesheet change with releases: an hour, so a deploy reaches browsers soon. */
const RELEASE_CACHE = 'public, max-age=3600';
/** The icon never changes under its name (a new one gets a new name): a year. */
const ICON_CACHE = 'public, max-age=31536000, immutable';

/** The console's few static files, read once at start and served from memory. */
function loadAssets(): ReadonlyMap<string, Asset> {
  const own = (name: string) => readFileSync(join(__dirname, '..', 'assets', name));
  const script = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    [
      'console.css',
      { type: 'text/css; charset=utf-8', body: own('console.css'), cacheControl: RELEASE_CACHE },
    ],
    ['console.js', { type: script, body: own('console.js'), cacheControl: RELEASE_CACHE }],
    [
      'htmx.min.js',
      {
        type: script,
        body: readFileSync(require.resolve('htmx.org/dist/htmx.min.js')),
        cacheControl: RELEASE_CACHE,
      },
    ],
    ['favicon.svg', { type: 'image/svg+xml', body: own('favicon.svg'), cacheControl: ICON_CACHE }],
    ['favicon.ico', { type: 'image/x-icon', body: own('favicon.ico'), cacheControl: ICON_CACHE }],
  ]);
}

@Controller()
export class AssetsController {
  private readonly assets = loadAssets();

  @Get('assets/:name')
  @ConsolePublic()
  async asset(@Param('name') name: string, @Res() reply: FastifyReply): Promise<void> {
    await this.send(name, reply);
  }

  /** Browsers ask for /favicon.ico on their own, pages or not (and before anyone signs in). */
  @Get('favicon.ico')
  @ConsolePublic()
  async favicon(@Res() reply: FastifyReply): Promise<void> {
    await this.send('favicon.ico', reply);
  }

  private async send(name: string, reply: FastifyReply): Promise<void> {
    const asset = this.assets.get(name);
    if (!asset) throw new DomainError('not_found', 'ASSET_NOT_FOUND', `No asset ${name}.`);
    await reply.header('cache-control', asset.cacheControl).type(asset.type).send(asset.body);
  }
}
