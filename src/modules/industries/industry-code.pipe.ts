import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidInput } from '../../common/errors/domain-error';
import {
  INDUSTRY_CODE_MESSAGE,
  INDUSTRY_CODE_PATTERN,
  normaliseIndustryCode,
} from './industry-code';

@Injectable()
export class IndustryCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!INDUSTRY_CODE_PATTERN.test(value)) {
      throw invalidInput([{ path: 'code', message: INDUSTRY_CODE_MESSAGE }]);
    }
    return normaliseIndustryCode(value);
  }
}
