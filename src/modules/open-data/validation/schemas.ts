import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

/** The official schemas, copied into the project (see ../standards/README.md). */
const STANDARDS = join(__dirname, '..', 'standards');
const IATI_SCHEMAS = join(STANDARDS, 'iati-2.03', 'schemas');

export interface SchemaResult {
  readonly valid: boolean;
  /** Each fault with where it is (line, or JSON pointer) and what the schema says. */
  readonly errors: readonly string[];
}

const readSchema = (name: string) => ({
  fileName: name,
  contents: readFileSync(join(IATI_SCHEMAS, name), 'utf8'),
});

let iatiFiles: { schema: ReturnType<typeof readSchema>; preload: ReturnType<typeof readSchema>[] };

/**
 * Validates an IATI activities document against the official 2.03 XSD with libxml2's xmllint,
 * compiled to WebAssembly (no system package, so a server validates a preview as CI does).
 */
export async function validateIatiActivities(xml: string): Promise<SchemaResult> {
  iatiFiles ??= {
    schema: readSchema('iati-activities-schema.xsd'),
    preload: [readSchema('iati-common.xsd'), readSchema('xml.xsd')],
  };
  const result = await validateXML({
    xml: [{ fileName: 'activities.xml', contents: xml }],
    schema: [iatiFiles.schema],
    preload: iatiFiles.preload,
  });
  return {
    valid: result.valid,
    errors: result.errors.map((error) =>
      error.loc ? `line ${error.loc.lineNumber}: ${error.message}` : error.message,
    ),
  };
}

let oc4idsPackage: ValidateFunction | undefined;

/**
 * Validates an OC4IDS project package against the official 0.9 schemas (JSON Schema draft-04;
 * the package refers to the project schema by its id, so that one is registered first). Their
 * extra keywords (codelist, openCodelist, deprecated, …) are annotations, not rules.
 */
export function validateOc4idsPackage(document: unknown): SchemaResult {
  if (!oc4idsPackage) {
    const read = (name: string) =>
      JSON.parse(readFileSync(join(STANDARDS, 'oc4ids-0.9', 'schema', name), 'utf8')) as object;
    const ajv = new Ajv04({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(read('project-schema.json'));
    oc4idsPackage = ajv.compile(read('project-package-schema.json'));
  }
  const valid = oc4idsPackage(document);
  return {
    valid: Boolean(valid),
    errors: (oc4idsPackage.errors ?? []).map(
      (error) => `${error.instancePath || '/'}: ${error.message ?? 'invalid'}`,
    ),
  };
}
