import { registerDecorator, type ValidationArguments } from 'class-validator';
import { polygonProblems } from '../polygon';

/** A closed, valid GeoJSON Polygon; the message names the first fault (see polygonProblems). */
export function IsGeoJsonPolygon(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isGeoJsonPolygon',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => polygonProblems(value).length === 0,
        defaultMessage: ({ property, value }: ValidationArguments) =>
          `${property} ${polygonProblems(value)[0] ?? 'must be a GeoJSON Polygon'}`,
      },
    });
  };
}
