import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PairingResponseDto } from '../../pairings/dto/pairing-response.dto';
import { ParkResponseDto } from '../../parks/dto/park-response.dto';
import { ProjectResponseDto } from '../../projects/dto/project-response.dto';

/** RFC 7946 Point: [longitude, latitude]. */
export class PointGeometryDto {
  @ApiProperty({ enum: ['Point'] })
  type!: 'Point';
  @ApiProperty({ type: [Number], example: [103.326, 3.808], minItems: 2, maxItems: 2 })
  coordinates!: number[];
}

/** RFC 7946 MultiLineString: one line from the Chinese park to each partner park. */
export class MultiLineStringGeometryDto {
  @ApiProperty({ enum: ['MultiLineString'] })
  type!: 'MultiLineString';
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
    example: [
      [
        [108.651, 21.982],
        [103.326, 3.808],
      ],
    ],
  })
  coordinates!: number[][][];
}

export class ParkFeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  type!: 'Feature';
  id!: string;
  /** Null for a park with no location (it is listed, but cannot be drawn). */
  @ApiProperty({ type: PointGeometryDto, nullable: true })
  geometry!: PointGeometryDto | null;
  /** The park as the JSON list gives it. */
  @ApiProperty({ type: ParkResponseDto })
  properties!: ParkResponseDto;
}

export class PairingFeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  type!: 'Feature';
  id!: string;
  /** Null when fewer than two of its parks are located. */
  @ApiProperty({ type: MultiLineStringGeometryDto, nullable: true })
  geometry!: MultiLineStringGeometryDto | null;
  @ApiProperty({ type: PairingResponseDto })
  properties!: PairingResponseDto;
}

export class ProjectFeaturePropertiesDto extends ProjectResponseDto {
  /** `project`: its own point; `park`: located at its park; null: neither is located. */
  @ApiProperty({ enum: ['project', 'park'], nullable: true })
  locatedAt!: 'project' | 'park' | null;
}

export class ProjectFeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  type!: 'Feature';
  id!: string;
  @ApiProperty({ type: PointGeometryDto, nullable: true })
  geometry!: PointGeometryDto | null;
  @ApiProperty({ type: ProjectFeaturePropertiesDto })
  properties!: ProjectFeaturePropertiesDto;
}

class FeatureCollectionDto {
  @ApiProperty({ enum: ['FeatureCollection'] })
  type!: 'FeatureCollection';
  /** Foreign member (RFC 7946 section 6.1): the next page's cursor, as in the JSON list. */
  @ApiPropertyOptional({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class ParkFeatureCollectionDto extends FeatureCollectionDto {
  @ApiProperty({ type: [ParkFeatureDto] })
  features!: ParkFeatureDto[];
}

export class PairingFeatureCollectionDto extends FeatureCollectionDto {
  @ApiProperty({ type: [PairingFeatureDto] })
  features!: PairingFeatureDto[];
}

export class ProjectFeatureCollectionDto extends FeatureCollectionDto {
  @ApiProperty({ type: [ProjectFeatureDto] })
  features!: ProjectFeatureDto[];
}
