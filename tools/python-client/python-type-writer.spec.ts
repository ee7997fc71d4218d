import { Type } from '@sinclair/typebox';
import { namedSchemas, toJson } from './named-schemas';
import { layout } from './python-text';
import { PythonTypeWriter } from './python-type-writer';

function define(schema: unknown, named = new Map<string, string>()): string {
  const writer = new PythonTypeWriter(named);
  writer.define('Thing', toJson(schema));
  return writer.definitions().join('\n\n\n');
}

describe('PythonTypeWriter', () => {
  it('maps an object to a TypedDict, optional fields as NotRequired', () => {
    const schema = Type.Object({
      name: Type.String({ description: 'Who it is.' }),
      count: Type.Optional(Type.Integer()),
      ratio: Type.Number(),
      on: Type.Boolean(),
      tags: Type.Array(Type.String()),
      extra: Type.Unknown(),
    });

    expect(define(schema)).toBe(
      [
        'class Thing(TypedDict):',
        '    #: Who it is.',
        '    name: str',
        '    count: NotRequired[int]',
        '    ratio: float',
        '    on: bool',
        '    tags: list[str]',
        '    extra: Any',
      ].join('\n'),
    );
  });

  it('maps literals, unions with null and records', () => {
    const schema = Type.Object({
      fit: Type.Union([Type.Literal('cover'), Type.Literal('fill')]),
      to: Type.Union([Type.String(), Type.Array(Type.String())]),
      stack: Type.Union([Type.String(), Type.Null()]),
      headers: Type.Record(Type.String(), Type.Integer()),
    });

    expect(define(schema)).toContain(
      [
        '    fit: Literal["cover", "fill"]',
        '    to: str | list[str]',
        '    stack: str | None',
        '    headers: dict[str, int]',
      ].join('\n'),
    );
  });

  it('defines a nested object under its path, before the object using it', () => {
    const schema = Type.Object({ size: Type.Object({ w: Type.Integer() }) });

    expect(define(schema)).toBe(
      [
        'class ThingSize(TypedDict):',
        '    w: int',
        '',
        '',
        'class Thing(TypedDict):',
        '    size: ThingSize',
      ].join('\n'),
    );
  });

  it('defines a nested schema that is a named export under its name', () => {
    const Attachment = Type.Object({ filename: Type.String() });
    const named = namedSchemas({ Attachment, notASchema: 1 });

    const text = define(Type.Object({ files: Type.Array(Attachment) }), named);

    expect(text).toContain('class Attachment(TypedDict):');
    expect(text).toContain('    files: list[Attachment]');
  });

  it('uses the functional form for a key that is a Python keyword', () => {
    const schema = Type.Object({ from: Type.String(), 'x-id': Type.String() });

    expect(define(schema)).toBe(
      [
        'Thing = TypedDict(',
        '    "Thing",',
        '    {',
        '        "from": str,',
        '        "x-id": str,',
        '    },',
        ')',
      ].join('\n'),
    );
  });

  it('keeps an empty closed object a TypedDict that accepts only {}', () => {
    expect(define(Type.Object({}, { additionalProperties: false }))).toBe(
      'class Thing(TypedDict):\n    pass',
    );
  });
});

describe('layout', () => {
  it('keeps what fits on one line', () => {
    expect(layout('x: ', 'Literal["a", "b"]', '    ')).toEqual([
      '    x: Literal["a", "b"]',
    ]);
  });

  it('puts one literal a line when they do not fit', () => {
    const values = Array.from({ length: 12 }, (_, i) => `"value-${i}"`);

    const lines = layout('code: ', `Literal[${values.join(', ')}]`, '    ');

    expect(lines[0]).toBe('    code: Literal[');
    expect(lines[1]).toBe('        "value-0",');
    expect(lines.at(-1)).toBe('    ]');
    expect(lines.every(line => line.length <= 88)).toBe(true);
  });

  it('puts one union member a line, in parentheses, when they do not fit', () => {
    const members = Array.from({ length: 8 }, (_, i) => `SomeRequest${i}`);

    expect(layout('Union = ', members.join(' | '), '')).toEqual([
      'Union = (',
      '    SomeRequest0',
      ...members.slice(1).map(member => `    | ${member}`),
      ')',
    ]);
  });
});
