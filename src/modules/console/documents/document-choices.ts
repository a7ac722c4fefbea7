import { Injectable } from '@nestjs/common';
import { DocumentsRepository } from '../../documents/documents.repository';
import { HTML_LANG, type Locale } from '../i18n/locale';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface ChoiceGroup {
  readonly label: string;
  readonly options: readonly Choice[];
}

/** The languages documents of this registry are mostly written in, offered first. */
const REGIONAL_LANGUAGES = ['en', 'zh', 'ms', 'id', 'th', 'vi', 'km', 'lo', 'my', 'tl'];

const GROUP_LABELS: Record<Locale, { categories: Record<string, string>; languages: string[] }> = {
  en: {
    categories: { A: 'Activity documents', B: 'Organisation documents' },
    languages: ['Languages of the region', 'Other languages'],
  },
  zh: {
    categories: { A: '活动文件', B: '组织文件' },
    languages: ['本地区语言', '其他语言'],
  },
};

const languageNames = (locale: Locale) =>
  new Intl.DisplayNames(HTML_LANG[locale], { type: 'language', fallback: 'none' });

interface ReferenceRows {
  readonly categories: readonly { code: string; category: string; name: string; name_zh: string }[];
  readonly languages: readonly { code: string; name: string }[];
}

/**
 * The category and language choices of the upload form, in the reader's language. Both lists
 * are reference data loaded by migrations, read once per process.
 */
@Injectable()
export class DocumentChoices {
  private rows: Promise<ReferenceRows> | null = null;

  constructor(private readonly documents: DocumentsRepository) {}

  async categories(locale: Locale): Promise<ChoiceGroup[]> {
    const { categories } = await this.reference();
    const labels = GROUP_LABELS[locale].categories;
    return Object.entries(labels).map(([group, label]) => ({
      label,
      options: categories
        .filter((row) => row.category === group)
        .map((row) => ({
          value: row.code,
          label: `${row.code} ${locale === 'zh' && row.name_zh ? row.name_zh : row.name}`,
        })),
    }));
  }

  /** A category's name in the reader's language (codes without a row keep their code). */
  async categoryName(code: string, locale: Locale): Promise<string> {
    const row = (await this.reference()).categories.find((c) => c.code === code);
    if (!row) return code;
    return locale === 'zh' && row.name_zh ? row.name_zh : row.name;
  }

  /** A language's name in the reader's language (ICU's; the IATI codelist's English name else). */
  async languageName(code: string, locale: Locale): Promise<string> {
    const row = (await this.reference()).languages.find((l) => l.code === code);
    return languageNames(locale).of(code) ?? row?.name ?? code;
  }

  async languages(locale: Locale): Promise<ChoiceGroup[]> {
    const { languages } = await this.reference();
    const names = languageNames(locale);
    const choice = (row: { code: string; name: string }): Choice => ({
      value: row.code,
      label: `${names.of(row.code) ?? row.name} (${row.code})`,
    });
    const regional = REGIONAL_LANGUAGES.flatMap((code) => {
      const row = languages.find((l) => l.code === code);
      return row ? [choice(row)] : [];
    });
    const others = languages
      .filter((row) => !REGIONAL_LANGUAGES.includes(row.code))
      .map(choice)
      .sort((a, b) => a.label.localeCompare(b.label, HTML_LANG[locale]));
    const [regionalLabel, othersLabel] = GROUP_LABELS[locale].languages;
    return [
      { label: regionalLabel, options: regional },
      { label: othersLabel, options: others },
    ];
  }

  private reference(): Promise<ReferenceRows> {
    this.rows ??= Promise.all([this.documents.categories(), this.documents.languages()])
      .then(([categories, languages]) => ({ categories, languages }))
      .catch((error: unknown) => {
        this.rows = null;
        throw error;
      });
    return this.rows;
  }
}
