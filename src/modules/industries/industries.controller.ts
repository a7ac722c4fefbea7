import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { IndustryDetailDto, IndustryPageDto } from './dto/industry-response.dto';
import { ListIndustriesQueryDto } from './dto/list-industries-query.dto';
import { IndustriesService } from './industries.service';
import { IndustryCodePipe } from './industry-code.pipe';
import { Access, ALL_ROLES } from '../auth/access.decorator';

@ApiTags('industries')
@Controller('industries')
export class IndustriesController {
  constructor(private readonly industries: IndustriesService) {}

  @Get()
  @Access(ALL_ROLES)
  @ApiOperation({ summary: 'List ISIC Rev.4 entries', operationId: 'listIndustries' })
  @ApiOkResponse({ type: IndustryPageDto })
  @ApiProblems(400)
  list(@Query() query: ListIndustriesQueryDto): Promise<IndustryPageDto> {
    return this.industries.list(query);
  }

  @Get(':code')
  @Access(ALL_ROLES)
  @ApiOperation({
    summary: 'Get an ISIC Rev.4 entry with its ancestors and children',
    operationId: 'getIndustry',
  })
  @ApiOkResponse({ type: IndustryDetailDto })
  @ApiProblems(400, 404)
  get(@Param('code', IndustryCodePipe) code: string): Promise<IndustryDetailDto> {
    return this.industries.get(code);
  }
}
