import { EN, type MessageKey } from './messages-en';
import { ZH } from './messages-zh';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'tpr_lang';

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en: EN, zh: ZH };
/** BCP 47 tags for Intl: numbers, money and dates in the reader's conventions. */
const INTL_TAG: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN' };
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-Hans' };

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'zh';
}

/** The cookie's choice, else the browser's first language we have, else English. */
export function localeFor(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Translate = (key: MessageKey, params?: Readonly<Record<string, unknown>>) => string;

/** Words, enum labels and formats for one locale: what every template receives as `it.i18n`. */
export class LocaleText {
  readonly t: Translate;
  private readonly numbers: Intl.NumberFormat;
  private readonly dates: Intl.DateTimeFormat;
  private readonly times: Intl.DateTimeFormat;
  private readonly moneyFormats = new Map<string, Intl.NumberFormat>();

  constructor(readonly locale: Locale) {
    const messages = MESSAGES[locale];
    this.t = (key, params) =>
      messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? String(params[name]) : whole,
      );
    const tag = INTL_TAG[locale];
    this.numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 });
    this.dates = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    this.times = new Intl.DateTimeFormat(tag, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'UTC',
    });
  }

  get htmlLang(): string {
    return HTML_LANG[this.locale];
  }

  /** A translated key when it exists, the raw text otherwise (codes from the data). */
  label(group: string, value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return '';
    const key = `${group}.${value}`;
    return key in EN ? this.t(key as MessageKey) : value.replace(/_/g, ' ');
  }

  number(value: number | string | null | undefined): string {
    if (value === null || value === undefined || value === '') return '';
    return this.numbers.format(Number(value));
  }

  /** An amount in its currency, e.g. "MYR 120,000,000.00" / "MYR 120,000,000.00". */
  money(amount: number | string | null | undefined, currency: string | null | undefined): string {
    if (amount === null || amount === undefined || amount === '' || !currency) return '';
    let format = this.moneyFormats.get(currency);
    if (!format) {
      format = new Intl.NumberFormat(INTL_TAG[this.locale], {
        style: 'currency',
        currency,
        currencyDisplay: 'code',
      });
      this.moneyFormats.set(currency, format);
    }
    return format.format(Number(amount));
  }

  /** A headline amount, shortened (USD 29.8B / USD 298亿), the exact figure in the title. */
  moneyCompact(amount: number | string | null | undefined, currency: string): string {
    if (amount === null || amount === undefined || amount === '') return '';
    return new Intl.NumberFormat(INTL_TAG[this.locale], {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(Number(amount));
  }

  /** A calendar date (YYYY-MM-DD) or an instant, shown as a date. */
  date(value: string | Date | null | undefined): string {
    if (!value) return '';
    const instant = typeof value === 'string' && value.length === 10 ? `${value}T00:00:00Z` : value;
    return this.dates.format(new Date(instant));
  }

  /** An instant, in UTC (said so: readers sit in several time zones). */
  dateTime(value: string | Date | null | undefined): string {
    if (!value) return '';
    return `${this.times.format(new Date(value))} UTC`;
  }

  /** The record's Chinese name in Chinese when it has one. */
  name(record: { readonly name: string; readonly nameZh?: string | null }): string {
    return this.locale === 'zh' && record.nameZh ? record.nameZh : record.name;
  }
}

const CACHE = new Map<Locale, LocaleText>();
export function localeText(locale: Locale): LocaleText {
  let text = CACHE.get(locale);
  if (!text) {
    text = new LocaleText(locale);
    CACHE.set(locale, text);
  }
  return text;
}
