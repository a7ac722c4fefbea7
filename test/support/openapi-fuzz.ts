import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
  format?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Route {
  readonly method: string;
  readonly path: string;
  readonly operation: Operation;
}

export function routesOf(doc: OpenApiDocument): Route[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

/** Strings that have broken services before: injections, traversal, odd Unicode, huge. */
const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE registry.park; --",
  '" OR ""="',
  '1) OR (1=1',
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '=HYPERLINK("http://x")',
  'name,-name,id;DROP',
  '\u0000',
  'a\u0000b',
  '\u202eRTL override',
  'Z̷̧͉̈a̸͓̓l̶̰̈́g̵̼̈o̶̟͝',
  '👩‍👩‍👧‍👦🇲🇾',
  '\ud800',
  '\uffff',
  ' ',
  '',
  '-1',
  '0',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '9'.repeat(40),
  '2014-02-30',
  '00000000-0000-0000-0000-000000000000',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  // Control characters in otherwise good text: what PostgreSQL refuses to store.
  fc.constantFrom('Steel\u0000mill', '\u0000', 'MY\u0000', 'line\r\nbreak', 'tab\tand\u0007bell'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ maxLength: 12 }),
  fc.nat({ max: 3 }).map((n) => 'x'.repeat([1_000, 20_000, 200_000, 2_000_000][n])),
);

/** Any JSON value, nasty strings included: a wrong type for any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(nastyString, fc.integer()), { maxLength: 3 }),
  fc.dictionary(nastyString, fc.oneof(nastyString, fc.integer()), { maxKeys: 3 }),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.constant(-1),
);

export class SchemaResolver {
  constructor(
    private readonly doc: OpenApiDocument,
    /** A real record id, so that a skeleton's uuid fields point at something. */
    private readonly sampleId: string,
  ) {}

  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) {
      const name = schema.$ref.split('/').at(-1)!;
      return this.resolve(this.doc.components?.schemas?.[name]);
    }
    if (schema.allOf?.length) {
      return schema.allOf
        .map((part) => this.resolve(part))
        .reduce<Schema>(
          (all, part) => ({
            ...all,
            ...part,
            properties: { ...all.properties, ...part.properties },
            required: [...(all.required ?? []), ...(part.required ?? [])],
          }),
          {},
        );
    }
    return schema;
  }

  /** A plausible value of the right type: the skeleton that mutations then break. */
  plausible(schema: Schema | undefined, depth = 0): unknown {
    const resolved = this.resolve(schema);
    // Valid-looking values get past the first check, so the nasty one reaches deeper code.
    if (resolved.example !== undefined) return resolved.example;
    if (resolved.enum?.length) return resolved.enum[0];
    switch (resolved.type) {
      case 'string':
        return (
          {
            uuid: this.sampleId,
            date: '2024-01-15',
            'date-time': '2024-01-15T00:00:00Z',
            email: 'fuzz.skeleton@example.org',
            uri: 'https://example.org/',
          }[resolved.format ?? ''] ?? 'Fuzz text'
        );
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 2 ? [] : [this.plausible(resolved.items, depth + 1)];
      default: {
        if (!resolved.properties || depth > 2) return {};
        return Object.fromEntries(
          Object.entries(resolved.properties).map(([key, value]) => [
            key,
            this.plausible(value, depth + 1),
          ]),
        );
      }
    }
  }

  /**
   * Bodies that are wrong in the ways clients get them wrong: a plausible object with fields
   * missing, of the wrong type, huge or odd, with unknown fields; or no object at all.
   */
  badBody(schema: Schema | undefined): fc.Arbitrary<unknown> {
    const resolved = this.resolve(schema);
    const skeleton = this.plausible(resolved);
    const keys = Object.keys(resolved.properties ?? {});
    const mutated =
      skeleton && typeof skeleton === 'object' && !Array.isArray(skeleton) && keys.length
        ? fc
            .record({
              drop: fc.subarray(keys),
              wrong: fc.dictionary(fc.constantFrom(...keys), wrongValue, { maxKeys: 3 }),
              extra: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), wrongValue, {
                maxKeys: 2,
              }),
            })
            .map(({ drop, wrong, extra }) => {
              const body: Record<string, unknown> = { ...skeleton, ...wrong, ...extra };
              for (const key of drop) delete body[key];
              return body;
            })
        : fc.constant(skeleton);
    return fc.oneof(
      { weight: 6, arbitrary: mutated },
      { weight: 1, arbitrary: wrongValue },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  }
}
