import type { IndustryEntity, IndustryLevel } from '../industry.entity';

export class IndustrySummaryDto {
  code!: string;
  level!: IndustryLevel;
  title!: string;
}

export class IndustryResponseDto extends IndustrySummaryDto {
  scheme!: string;
  /** Section letter the entry belongs to. */
  section!: string;
  parentCode!: string | null;
}

export class IndustryDetailDto extends IndustryResponseDto {
  /** From the section down to the direct parent. */
  ancestors!: IndustrySummaryDto[];
  children!: IndustrySummaryDto[];
}

export class IndustryPageDto {
  items!: IndustryResponseDto[];
  nextCursor!: string | null;
}

export function toIndustrySummary(industry: IndustryEntity): IndustrySummaryDto {
  return { code: industry.code, level: industry.level, title: industry.title };
}

export function toIndustryResponse(industry: IndustryEntity): IndustryResponseDto {
  return {
    ...toIndustrySummary(industry),
    scheme: industry.scheme,
    section: industry.section,
    parentCode: industry.parentCode,
  };
}
