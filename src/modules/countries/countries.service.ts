import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/pagination/keyset';
import { CountriesRepository } from './countries.repository';
import { countryNotFound } from './countries.errors';
import { type CountryResponseDto, toCountryResponse } from './dto/country-response.dto';
import type { ListCountriesQueryDto } from './dto/list-countries-query.dto';

@Injectable()
export class CountriesService {
  constructor(private readonly countries: CountriesRepository) {}

  async list(query: ListCountriesQueryDto): Promise<Page<CountryResponseDto>> {
    const page = await this.countries.listPage(query, query);
    return { items: page.items.map(toCountryResponse), nextCursor: page.nextCursor };
  }

  async get(code: string): Promise<CountryResponseDto> {
    const country = await this.countries.findByCode(code);
    if (!country) throw countryNotFound(code);
    return toCountryResponse(country);
  }
}
