import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import { ConsolePublic } from '../../auth/console-access';
import type { AuthenticatedRequest } from '../../auth/access.decorator';
import { localeOf, renderPage } from '../../console/console-view';
import { MapReportService } from '../../reports/map/map-report.service';
import { toSnapshotDto } from '../dto/snapshot.dto';
import { PublicationService } from '../snapshots/publication.service';
import { answeredNotModified } from './conditional-get';
import { openPagePairings, publishedMapReport } from './open-page';

/**
 * GET /open: what the registry publishes, for people (no sign-in): the approved pairings and
 * their projects from the latest snapshot, a map, the publisher and licence, the snapshot's
 * hash and the feeds for machines. Rate-limited like the feeds; cacheable for visitors.
 */
@Controller('open')
export class OpenPageController {
  constructor(
    private readonly publication: PublicationService,
    private readonly maps: MapReportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ConsolePublic()
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const text = localeOf(request);
    const latest = await this.publication.latest();
    const signedIn = Boolean((request as AuthenticatedRequest).actor);
    // Visitors get validators (the page changes only with a snapshot); signed-in pages carry
    // a CSRF token and a personal header, so they are never cached.
    const cache = signedIn ? 'no-store' : 'public, max-age=60';
    if (latest && !signedIn) {
      const etag = `"${latest.snapshot.sha256.slice(0, 32)}-page-${text.locale}"`;
      if (answeredNotModified(request, reply, etag, latest.snapshot.published_at, cache)) return;
      void reply.header('vary', 'cookie, accept-language');
    }
    const base = this.config.desk.publicUrl;
    await renderPage(
      request,
      reply,
      'open/page',
      latest
        ? {
            snapshot: toSnapshotDto(latest.snapshot),
            publisher: latest.view.publisher,
            pairings: openPagePairings(latest.view),
            feedUrls: {
              iati: `${base}/open/iati/activities.xml`,
              oc4ids: `${base}/open/oc4ids/projects.json`,
              csv: `${base}/open/projects.csv`,
            },
            map: {
              svg: latest.view.parks.some((park) => park.location)
                ? this.maps.svg(publishedMapReport(latest.view, latest.snapshot.published_at), {
                    locale: text.locale,
                    parkHref: (id) => {
                      const park = latest.view.parks.find((p) => p.id === id);
                      return park ? `#park-${park.code}` : '#';
                    },
                    pairingHref: (id) => {
                      const pairing = latest.view.pairings.find((p) => p.id === id);
                      return pairing ? `#pairing-${pairing.code}` : '#';
                    },
                    width: 900,
                  })
                : null,
            },
          }
        : { snapshot: null },
      200,
      cache,
    );
  }
}
