import { CountryEntity } from '../modules/countries/country.entity';
import { CurrencyEntity } from '../modules/countries/currency.entity';
import { IndustryEntity } from '../modules/industries/industry.entity';
import { ApiTokenEntity } from '../modules/auth/api-token.entity';
import { UserEntity } from '../modules/users/user.entity';
import { ParkEntity } from '../modules/parks/park.entity';
import { ParkIndustryEntity } from '../modules/parks/park-industry.entity';
import { InvestorEntity } from '../modules/investors/investor.entity';
import { PairingEntity } from '../modules/pairings/pairing.entity';
import { FxRateEntity } from '../modules/fx-rates/fx-rate.entity';
import { ProjectEntity } from '../modules/projects/project.entity';
import {
  ProjectInvestorEntity,
  ProjectSectorEntity,
} from '../modules/projects/project-links.entity';
import {
  PairingIndustryEntity,
  PairingParkEntity,
  PairingReviewEntity,
} from '../modules/pairings/pairing-links.entity';

/** Every TypeORM entity; listed explicitly so the app, CLI and tests load the same set. */
export const ENTITIES = [
  CurrencyEntity,
  CountryEntity,
  IndustryEntity,
  UserEntity,
  ApiTokenEntity,
  ParkEntity,
  ParkIndustryEntity,
  InvestorEntity,
  PairingEntity,
  PairingParkEntity,
  PairingIndustryEntity,
  PairingReviewEntity,
  FxRateEntity,
  ProjectEntity,
  ProjectSectorEntity,
  ProjectInvestorEntity,
];
