import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/pagination/keyset';
import {
  type IndustryDetailDto,
  type IndustryResponseDto,
  toIndustryResponse,
  toIndustrySummary,
} from './dto/industry-response.dto';
import type { ListIndustriesQueryDto } from './dto/list-industries-query.dto';
import { IndustriesRepository } from './industries.repository';
import { industryNotFound } from './industries.errors';

@Injectable()
export class IndustriesService {
  constructor(private readonly industries: IndustriesRepository) {}

  async list(query: ListIndustriesQueryDto): Promise<Page<IndustryResponseDto>> {
    const page = await this.industries.listPage(query, query);
    return { items: page.items.map(toIndustryResponse), nextCursor: page.nextCursor };
  }

  async get(code: string): Promise<IndustryDetailDto> {
    const industry = await this.industries.findByCode(code);
    if (!industry) throw industryNotFound(code);
    const [ancestors, children] = await Promise.all([
      this.industries.findAncestors(code),
      this.industries.findChildren(code),
    ]);
    return {
      ...toIndustryResponse(industry),
      ancestors: ancestors.map(toIndustrySummary),
      children: children.map(toIndustrySummary),
    };
  }
}
