import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import type { Actor } from '../../auth/actor';
import { ListIndustriesQueryDto } from '../../industries/dto/list-industries-query.dto';
import type { IndustrySummaryDto } from '../../industries/dto/industry-response.dto';
import { IndustriesService } from '../../industries/industries.service';
import { INDUSTRY_CODE_PATTERN } from '../../industries/industry-code';
import { ListInvestorsQueryDto } from '../../investors/dto/list-investors-query.dto';
import { InvestorsService } from '../../investors/investors.service';
import { ListPairingsQueryDto } from '../../pairings/dto/list-pairings-query.dto';
import { PairingsService } from '../../pairings/pairings.service';
import { ListParksQueryDto } from '../../parks/dto/list-parks-query.dto';
import { ParksService } from '../../parks/parks.service';
import { validateAs } from '../form-input';
import type { LocaleText } from '../i18n/locale';
import { industryPath, investorKey } from './picker-keys';
import { PickerQueries } from './picker-queries';

/** One choice in a picker's list. */
export interface Suggestion {
  /** What goes into the field when it is chosen (a code, or "Name (CC)"). */
  readonly value: string;
  readonly label: string;
  /** A second line: the ISIC path, a park's country, a Chinese name. */
  readonly detail: string | null;
  /** A park's host-country currency, for the form's currency list. */
  readonly currency?: string | null;
}

export const PICKER_KINDS = ['industries', 'parks', 'investors', 'pairings'] as const;
export type PickerKind = (typeof PICKER_KINDS)[number];

/** Choices shown at once: enough to scan, few enough to read. */
const SHOWN = 10;

/**
 * What a picker offers for the text typed so far, from the API's own list services and their
 * indexed searches (trigram indexes on names, the primary key and parent index for ISIC codes),
 * with the same country scope as the API's lists.
 */
@Injectable()
export class Suggestions {
  constructor(
    private readonly industries: IndustriesService,
    private readonly parks: ParksService,
    private readonly investors: InvestorsService,
    private readonly pairings: PairingsService,
    private readonly queries: PickerQueries,
  ) {}

  /**
   * ISIC entries: the code typed and the level below it first (24 offers 241, 242, 243), then
   * titles containing the words. Titles are English: ISIC Rev.4 as loaded has no Chinese titles.
   */
  async industriesFor(q: string): Promise<Suggestion[]> {
    const code = q.trim().toUpperCase();
    const found: IndustrySummaryDto[] = [];
    const sections = new Map<string, string>();
    if (INDUSTRY_CODE_PATTERN.test(code)) {
      const entry = await this.industries.get(code).catch((error: unknown) => {
        if (error instanceof DomainError && error.kind === 'not_found') return null;
        throw error;
      });
      if (entry) {
        found.push(entry, ...entry.children);
        for (const item of found) sections.set(item.code, entry.section);
      }
    }
    const query = await validateAs(ListIndustriesQueryDto, { q, limit: SHOWN });
    if (query.value) {
      for (const item of (await this.industries.list(query.value)).items) {
        found.push(item);
        sections.set(item.code, item.section);
      }
    }
    const seen = new Set<string>();
    return found
      .filter((item) => !seen.has(item.code) && seen.add(item.code))
      .slice(0, SHOWN)
      .map((item) => ({
        value: item.code,
        label: `${item.code} ${item.title}`,
        detail: industryPath(item.code, sections.get(item.code) ?? item.code).join(' > '),
      }));
  }

  /** Live parks by code or name, in the actor's country unless they act for all. */
  async parksFor(q: string, actor: Actor, text: LocaleText): Promise<Suggestion[]> {
    const country = actor.role === 'admin' ? {} : { country: actor.countryCode ?? '' };
    const query = await validateAs(ListParksQueryDto, { q, limit: SHOWN, ...country });
    if (!query.value) return [];
    const parks = (await this.parks.list(query.value)).items;
    const currencies = await this.queries.currenciesOf(parks.map((park) => park.countryCode));
    return parks.map((park) => ({
      value: park.code,
      label: `${park.code} · ${text.name(park)}`,
      detail: [park.city, park.countryCode].filter(Boolean).join(', '),
      currency: currencies.get(park.countryCode) ?? null,
    }));
  }

  /** Live investors by any of their names; the value names the country too. */
  async investorsFor(q: string, text: LocaleText): Promise<Suggestion[]> {
    const query = await validateAs(ListInvestorsQueryDto, { q, limit: SHOWN });
    if (!query.value) return [];
    return (await this.investors.list(query.value)).items.map((investor) => ({
      value: investorKey(investor.name, investor.countryCode),
      label: investorKey(text.name(investor), investor.countryCode),
      detail: text.locale === 'zh' ? null : investor.nameZh,
    }));
  }

  /**
   * Pairings that include the host park (a project may only name one of those), matching the
   * text; a park takes part in a handful, listed through the pairing_park index.
   */
  async pairingsFor(q: string, parkKey: string, text: LocaleText): Promise<Suggestion[] | null> {
    const [park] = await this.queries.parksByKey([parkKey.trim().toUpperCase(), parkKey.trim()]);
    if (!park) return null;
    const query = await validateAs(ListPairingsQueryDto, { park: park.id, limit: 200 });
    if (!query.value) return [];
    const wanted = q.trim().toLowerCase();
    return (await this.pairings.list(query.value)).items
      .filter((pairing) =>
        [pairing.code, pairing.name, pairing.nameZh ?? ''].some((name) =>
          name.toLowerCase().includes(wanted),
        ),
      )
      .slice(0, SHOWN)
      .map((pairing) => ({
        value: pairing.code,
        label: `${pairing.code} · ${text.name(pairing)}`,
        detail: pairing.sides.map((side) => side.countryCode).join(' ⇄ '),
      }));
  }
}
