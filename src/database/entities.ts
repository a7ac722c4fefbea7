import { CountryEntity } from '../modules/countries/country.entity';
import { CurrencyEntity } from '../modules/countries/currency.entity';
import { IndustryEntity } from '../modules/industries/industry.entity';
import { ApiTokenEntity } from '../modules/auth/api-token.entity';
import { UserEntity } from '../modules/users/user.entity';

/** Every TypeORM entity; listed explicitly so the app, CLI and tests load the same set. */
export const ENTITIES = [CurrencyEntity, CountryEntity, IndustryEntity, UserEntity, ApiTokenEntity];
