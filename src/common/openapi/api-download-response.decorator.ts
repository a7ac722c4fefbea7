import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { XLSX_TYPE } from '../spreadsheet/media-types';

const DOWNLOADS = {
  csv: { 'text/csv': { schema: { type: 'string', description: 'RFC 4180 CSV, UTF-8' } } },
  xlsx: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  svg: { 'image/svg+xml': { schema: { type: 'string', description: 'SVG chart' } } },
} as const;

/**
 * The 200 of a route that answers JSON or a download, chosen by `format`: each media type with
 * its own schema, so a generated client types the JSON and knows the downloads are files.
 * (A client that wants only the JSON asks for `application/json`, as openapi-fetch's
 * createClient<paths, 'application/json'> does.)
 */
export function ApiDownloadResponse(options: {
  readonly json?: Type<unknown>;
  readonly downloads: readonly (keyof typeof DOWNLOADS)[];
  readonly description: string;
}): MethodDecorator {
  const content: Record<string, { schema: object }> = {};
  if (options.json) content['application/json'] = { schema: { $ref: getSchemaPath(options.json) } };
  for (const format of options.downloads) Object.assign(content, DOWNLOADS[format]);
  return applyDecorators(
    ...(options.json ? [ApiExtraModels(options.json)] : []),
    ApiOkResponse({ description: options.description, content }),
  );
}
