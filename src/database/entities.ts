import { CountryEntity } from '../modules/countries/country.entity';
import { CurrencyEntity } from '../modules/countries/currency.entity';
import { IndustryEntity } from '../modules/industries/industry.entity';

/** Every TypeORM entity; listed explicitly so the app, CLI and tests load the same set. */
export const ENTITIES = [CurrencyEntity, CountryEntity, IndustryEntity];
