import { Injectable, type PipeTransform } from '@nestjs/common';
import { invalidInput } from '../../common/errors/domain-error';

/** `:currency`: an ISO 4217 code in any case, upper-cased. */
@Injectable()
export class CurrencyCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z]{3}$/.test(value)) {
      throw invalidInput([{ path: 'currency', message: 'must be an ISO 4217 code such as MYR' }]);
    }
    return value.toUpperCase();
  }
}

/** `:date`: a real calendar date, YYYY-MM-DD. */
@Injectable()
export class CalendarDatePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const parsed = new Date(`${value}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      Number.isNaN(parsed.getTime()) ||
      parsed.toISOString().slice(0, 10) !== value
    ) {
      throw invalidInput([{ path: 'date', message: 'must be a date (YYYY-MM-DD)' }]);
    }
    return value;
  }
}
