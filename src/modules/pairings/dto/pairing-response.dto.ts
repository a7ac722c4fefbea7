import { ApiProperty } from '@nestjs/swagger';
import { type Source, SourceDto } from '../../../common/sources/source';
import {
  DECISIONS,
  type Decision,
  PAIRING_STATUSES,
  type PairingStatus,
  REVIEW_STATES,
  type ReviewState,
} from '../pairing-enums';

export class PairingParkRefDto {
  id!: string;
  code!: string;
  name!: string;
}

export class PairingSideDto {
  countryCode!: string;
  parks!: PairingParkRefDto[];
}

export class PairingIndustryDto {
  code!: string;
  title!: string;
  @ApiProperty({ enum: ['section', 'division', 'group', 'class'] })
  level!: string;
}

export class PairingResponseDto {
  id!: string;
  code!: string;
  name!: string;
  nameZh!: string | null;
  /** Two sides, in country-code order. */
  sides!: PairingSideDto[];
  industries!: PairingIndustryDto[];
  agreementSignedOn!: string | null;
  launchedOn!: string | null;
  @ApiProperty({ enum: PAIRING_STATUSES })
  status!: PairingStatus;
  @ApiProperty({ enum: REVIEW_STATES })
  reviewState!: ReviewState;
  /** 0 before the first submission. */
  reviewRound!: number;
  submittedBy!: string | null;
  submittedAt!: string | null;
  description!: string | null;
  /** Editorial note on the sources and figures: disagreements, estimates, what is not known. */
  note!: string | null;
  @ApiProperty({ type: [SourceDto] })
  sources!: Source[];
  version!: number;
  createdAt!: string;
  updatedAt!: string;
  archivedAt!: string | null;
}

export class PairingPageDto {
  items!: PairingResponseDto[];
  nextCursor!: string | null;
}

export class ReviewDecisionViewDto {
  id!: string;
  /** The side decided for (the reviewer's country). */
  countryCode!: string;
  @ApiProperty({ enum: DECISIONS })
  decision!: Decision;
  comment!: string | null;
  reviewerId!: string;
  decidedAt!: string;
}

export class ReviewRoundDto {
  round!: number;
  submittedBy!: string | null;
  submittedAt!: string | null;
  decisions!: ReviewDecisionViewDto[];
}

export class ReviewRoundsDto {
  @ApiProperty({ enum: REVIEW_STATES })
  reviewState!: ReviewState;
  /** Oldest round first. */
  rounds!: ReviewRoundDto[];
}
