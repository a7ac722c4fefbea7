import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidInput } from '../../common/errors/domain-error';

/** An ISO 3166-1 alpha-2 code in any case, normalised to upper case. */
@Injectable()
export class CountryCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z]{2}$/.test(value)) {
      throw invalidInput([
        { path: 'code', message: 'must be an ISO 3166-1 alpha-2 code such as MY' },
      ]);
    }
    return value.toUpperCase();
  }
}
