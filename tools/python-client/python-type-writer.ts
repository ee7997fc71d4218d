import {
  commentLines,
  docstring,
  IDENTIFIER,
  layout,
  pascalCase,
  pyString,
  PYTHON_KEYWORDS,
} from './python-text';

/** A JSON Schema as the contracts serialize it (TypeBox, JSON round trip). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * Turns JSON Schemas into Python type annotations, defining a `TypedDict`
 * for every object with properties, and collects the definitions in the
 * order Python needs (each after what it uses). One writer per module.
 *
 * The mapping: string → `str`, integer → `int`, number → `float`, boolean →
 * `bool`, null → `None`, array → `list[T]`, `const`/`enum` → `Literal`,
 * `anyOf` → `A | B`, a record (`patternProperties`) → `dict[str, T]`, and a
 * schema with no type (TypeBox's `Unknown`: any JSON) → `Any`. Formats,
 * lengths and ranges have no Python type: the API checks them.
 */
export class PythonTypeWriter {
  private readonly blocks: string[] = [];
  private readonly defined = new Set<string>();
  private readonly typing = new Set<string>();

  /**
   * @param named - schemas to define under their own name wherever they
   *   appear nested (the contracts' exports: `EmailAttachment`), by their
   *   JSON text; other nested objects are named by their path.
   */
  constructor(
    private readonly named: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The `typing` names the definitions use, sorted. */
  typingImports(): string[] {
    return [...this.typing].sort();
  }

  /** Marks a `typing` name as used by hand-written code of the module. */
  useTyping(...names: string[]): void {
    for (const name of names) this.typing.add(name);
  }

  /** Every definition so far, separated by two blank lines. */
  definitions(): string[] {
    return [...this.blocks];
  }

  /** Adds a hand-written block after the definitions so far. */
  addBlock(block: string): void {
    this.blocks.push(block);
  }

  /**
   * Defines `name` for `schema` (a TypedDict for an object, an alias for
   * anything else) and returns the name.
   */
  define(name: string, schema: JsonSchema, doc?: string): string {
    if (this.defined.has(name)) return name;
    this.defined.add(name);
    const description = doc ?? stringOr(schema.description);
    if (isTypedDict(schema)) {
      this.blocks.push(this.typedDict(name, schema, description));
    } else {
      const lines = description ? commentLines(description, '') : [];
      const type = this.annotation(schema, name);
      this.blocks.push(
        [...lines, ...layout(`${name} = `, type, '')].join('\n'),
      );
    }
    return name;
  }

  /** The annotation for `schema`, defining what it needs; `path` names it. */
  annotation(schema: JsonSchema, path: string): string {
    const name = this.named.get(JSON.stringify(schema));
    if (name && name !== path && isNameable(schema)) {
      return this.define(name, schema);
    }
    if (schema.const !== undefined) return this.literal([schema.const]);
    if (Array.isArray(schema.enum)) return this.literal(schema.enum);
    if (Array.isArray(schema.anyOf)) return this.union(schema.anyOf, path);
    switch (schema.type) {
      case 'string':
        return 'str';
      case 'integer':
        return 'int';
      case 'number':
        return 'float';
      case 'boolean':
        return 'bool';
      case 'null':
        return 'None';
      case 'array':
        return `list[${this.annotation(asSchema(schema.items), `${path}Item`)}]`;
      case 'object':
        return this.object(schema, path);
      default:
        this.typing.add('Any');
        return 'Any';
    }
  }

  private literal(values: readonly unknown[]): string {
    this.typing.add('Literal');
    const items = values.map(value =>
      typeof value === 'string' ? pyString(value) : JSON.stringify(value),
    );
    return `Literal[${items.join(', ')}]`;
  }

  private union(members: readonly unknown[], path: string): string {
    const schemas = members.map(asSchema);
    if (schemas.every(s => s.const !== undefined)) {
      return this.literal(schemas.map(s => s.const));
    }
    const types = schemas.map((s, i) => this.annotation(s, `${path}${i + 1}`));
    return [...new Set(types)].join(' | ');
  }

  private object(schema: JsonSchema, path: string): string {
    if (isTypedDict(schema)) return this.define(path, schema);
    const patterns = Object.values(asRecord(schema.patternProperties));
    const values = patterns.length
      ? patterns.map(asSchema)
      : schema.additionalProperties && schema.additionalProperties !== true
        ? [asSchema(schema.additionalProperties)]
        : [{}];
    const value = this.union(values, `${path}Value`);
    return `dict[str, ${value}]`;
  }

  private typedDict(name: string, schema: JsonSchema, doc?: string): string {
    this.typing.add('TypedDict');
    const required = new Set(
      Array.isArray(schema.required) ? (schema.required as string[]) : [],
    );
    const fields = Object.entries(asRecord(schema.properties)).map(
      ([key, value]) => {
        const property = asSchema(value);
        let type = this.annotation(property, name + pascalCase(key));
        if (!required.has(key)) {
          this.typing.add('NotRequired');
          type = `NotRequired[${type}]`;
        }
        return { key, type, description: stringOr(property.description) };
      },
    );
    if (
      fields.some(f => !IDENTIFIER.test(f.key) || PYTHON_KEYWORDS.has(f.key))
    ) {
      // The class form cannot spell this key; the functional form can.
      const items = fields.map(f => `    ${pyString(f.key)}: ${f.type},`);
      return [
        ...(doc ? commentLines(doc, '') : []),
        `${name} = TypedDict(`,
        `    ${pyString(name)},`,
        '    {',
        ...items.map(item => `    ${item}`),
        '    },',
        ')',
      ].join('\n');
    }
    const body = fields.flatMap(f => [
      ...(f.description ? commentLines(f.description, '    ') : []),
      ...layout(`${f.key}: `, f.type, '    '),
    ]);
    const lines = [
      `class ${name}(TypedDict):`,
      ...(doc ? docstring(doc, '    ') : []),
      ...(doc && body.length ? [''] : []),
      ...body,
    ];
    if (!doc && !body.length) lines.push('    pass');
    return lines.join('\n');
  }
}

/** An object schema with named properties, or a closed empty one. */
function isTypedDict(schema: JsonSchema): boolean {
  if (schema.type !== 'object' || schema.patternProperties) return false;
  const properties = Object.keys(asRecord(schema.properties));
  return properties.length > 0 || schema.additionalProperties === false;
}

/** Worth a name of its own: an object with fields, or a union. */
function isNameable(schema: JsonSchema): boolean {
  return (
    Object.keys(asRecord(schema.properties)).length > 0 ||
    Array.isArray(schema.anyOf)
  );
}

function asSchema(value: unknown): JsonSchema {
  return typeof value === 'object' && value !== null
    ? (value as JsonSchema)
    : {};
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {};
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
