import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

export const GEOJSON_TYPE = 'application/geo+json';

/** The 200 of a list that answers JSON, or GeoJSON with `format=geojson`: both media types. */
export function ApiGeoListResponse(
  page: Type<unknown>,
  collection: Type<unknown>,
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(page, collection),
    ApiOkResponse({
      description: 'A page as JSON, or with `format=geojson` as a GeoJSON FeatureCollection',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(page) } },
        [GEOJSON_TYPE]: { schema: { $ref: getSchemaPath(collection) } },
      },
    }),
  );
}

/** Marks the answer as GeoJSON (RFC 7946 section 12); Fastify still serialises it as JSON. */
export function sendsGeoJson(reply: { header(name: string, value: string): unknown }): void {
  reply.header('content-type', `${GEOJSON_TYPE}; charset=utf-8`);
}
