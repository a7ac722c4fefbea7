import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleAccessAs } from '../../auth/console-access';
import { IndustriesController } from '../../industries/industries.controller';
import { InvestorsController } from '../../investors/investors.controller';
import { PairingsController } from '../../pairings/pairings.controller';
import { ParksController } from '../../parks/parks.controller';
import { actorOf, localeOf } from '../console-view';
import type { MessageKey } from '../i18n/messages-en';
import { type Suggestion, Suggestions } from '../pickers/suggestions';

const CJK = /[\u3400-\u9fff]/;

function typed(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 100) : '';
}

/**
 * What the form pickers fetch as the user types: a list of `role="option"` items (an HTML
 * fragment, escaped by the template) for the picker's listbox. Each kind takes the access
 * policy of the API list it searches, and the console session like every page.
 */
@Controller('suggestions')
export class SuggestionPagesController {
  constructor(private readonly suggestions: Suggestions) {}

  @Get('industries')
  @ConsoleAccessAs(IndustriesController, 'list')
  async industries(
    @Query('q') q: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const text = typed(q);
    const items = await this.suggestions.industriesFor(text);
    // ISIC titles are English only: say so rather than just "no matches" to a Chinese query.
    const empty = CJK.test(text) ? 'picker.isicEnglishOnly' : 'picker.none';
    await this.send(request, reply, items, empty);
  }

  @Get('parks')
  @ConsoleAccessAs(ParksController, 'list')
  async parks(
    @Query('q') q: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const items = await this.suggestions.parksFor(typed(q), actorOf(request), localeOf(request));
    await this.send(request, reply, items, 'picker.none');
  }

  @Get('investors')
  @ConsoleAccessAs(InvestorsController, 'list')
  async investors(
    @Query('q') q: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const items = await this.suggestions.investorsFor(typed(q), localeOf(request));
    await this.send(request, reply, items, 'picker.none');
  }

  @Get('pairings')
  @ConsoleAccessAs(PairingsController, 'list')
  async pairings(
    @Query('q') q: unknown,
    @Query('park') park: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const parkKey = typed(park);
    const items = parkKey
      ? await this.suggestions.pairingsFor(typed(q), parkKey, localeOf(request))
      : null;
    await this.send(request, reply, items ?? [], items ? 'picker.none' : 'picker.parkFirst');
  }

  private async send(
    request: FastifyRequest,
    reply: FastifyReply,
    items: readonly Suggestion[],
    empty: MessageKey,
  ): Promise<void> {
    const text = localeOf(request);
    const html = await reply.viewAsync('pickers/options', { items, empty: text.t(empty) });
    await reply
      .header('cache-control', 'no-store')
      .header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`)
      .type('text/html; charset=utf-8')
      .send(html);
  }
}
