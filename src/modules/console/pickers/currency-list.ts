import { Injectable } from '@nestjs/common';
import type { LocaleText } from '../i18n/locale';
import { type CurrencyChoice, orderCurrencies } from './picker-keys';
import { PickerQueries } from './picker-queries';

export interface CurrencyGroup {
  readonly label: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
}

/** Chinese currency names from the runtime's CLDR data; the registry holds ISO's English ones. */
const CHINESE = new Intl.DisplayNames(['zh-Hans'], { type: 'currency', fallback: 'none' });

/**
 * The project form's currency list: every ISO 4217 currency with its name, the host country's
 * first. Currencies are reference data loaded by migrations, so they are read once.
 */
@Injectable()
export class CurrencyList {
  private all: Promise<{ currencies: CurrencyChoice[]; partners: string[] }> | null = null;

  constructor(private readonly queries: PickerQueries) {}

  async groups(host: string | null, text: LocaleText): Promise<CurrencyGroup[]> {
    this.all ??= Promise.all([this.queries.currencies(), this.queries.partnerCurrencies()]).then(
      ([currencies, partners]) => ({ currencies, partners }),
    );
    const { currencies, partners } = await this.all.catch((error: unknown) => {
      this.all = null;
      throw error;
    });
    const { common, others } = orderCurrencies(currencies, host, partners);
    const option = (currency: CurrencyChoice) => {
      const name =
        text.locale === 'zh' ? (CHINESE.of(currency.code) ?? currency.name) : currency.name;
      return { value: currency.code, label: `${currency.code} · ${name}` };
    };
    return [
      { label: text.t('projects.currencyCommon'), options: common.map(option) },
      { label: text.t('projects.currencyOther'), options: others.map(option) },
    ];
  }
}
