import {
  addModuleStatement,
  addRegistryEntry,
  importsName,
  registryKeys,
} from './source-edits';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('addRegistryEntry', () => {
  it('appends after the last type, keeping its indentation', () => {
    const text = lines(
      'export const map = {',
      "  'a.one': one,",
      "  'b.two': two,",
      '} as const;',
    );

    expect(addRegistryEntry(text, "'c.three': three")).toBe(
      lines(
        'export const map = {',
        "  'a.one': one,",
        "  'b.two': two,",
        "  'c.three': three,",
        '} as const;',
      ),
    );
  });

  it('adds the missing comma when the last entry has none', () => {
    const text = lines('const map = {', "    'a.one': one", '};');

    expect(addRegistryEntry(text, "'b.two': two")).toBe(
      lines('const map = {', "    'a.one': one,", "    'b.two': two,", '};'),
    );
  });

  it('goes before a trailing spread, which keeps the last word', () => {
    const text = lines(
      'return {',
      "  'a.one': async () => completed({}),",
      '  ...overrides,',
      '};',
    );

    expect(addRegistryEntry(text, "'b.two': two")).toBe(
      lines(
        'return {',
        "  'a.one': async () => completed({}),",
        "  'b.two': two,",
        '  ...overrides,',
        '};',
      ),
    );
  });

  it('finds the registry however deeply it is nested', () => {
    const text = lines(
      'export function make(): Map {',
      '  return {',
      "    'a.one': one,",
      '  } satisfies Map;',
      '}',
    );

    expect(registryKeys(addRegistryEntry(text, "'b.two': two"))).toEqual([
      'a.one',
      'b.two',
    ]);
  });

  describe('when the file has no object keyed by job types', () => {
    it('says so', () => {
      expect(() =>
        addRegistryEntry("const x = { a: 'b.c' };", "'d.e': f"),
      ).toThrow(
        "Expected one object keyed by job types, such as { 'email.send': … }, found 0.",
      );
    });
  });

  describe('when the file has two', () => {
    it('refuses to guess', () => {
      const text = "const a = { 'a.one': 1 };\nconst b = { 'b.two': 2 };\n";

      expect(() => addRegistryEntry(text, "'c.three': 3")).toThrow('found 2');
    });
  });
});

describe('addModuleStatement', () => {
  const text = lines(
    "import type { Static } from '@sinclair/typebox';",
    "import { aJob } from '../jobs/a.job';",
    "import { cJob } from '../jobs/c.job';",
    "import type { JobDefinition } from './job-definition';",
    '',
    'export const x = 1;',
  );

  it('keeps its group sorted by module path', () => {
    const result = addModuleStatement(
      text,
      "import { bJob } from '../jobs/b.job';",
      '../jobs/b.job',
      /^\.\.\/jobs\//,
    );

    expect(result).toBe(
      lines(
        "import type { Static } from '@sinclair/typebox';",
        "import { aJob } from '../jobs/a.job';",
        "import { bJob } from '../jobs/b.job';",
        "import { cJob } from '../jobs/c.job';",
        "import type { JobDefinition } from './job-definition';",
        '',
        'export const x = 1;',
      ),
    );
  });

  it('goes last in its group when it sorts last', () => {
    const result = addModuleStatement(
      text,
      "import { dJob } from '../jobs/d.job';",
      '../jobs/d.job',
      /^\.\.\/jobs\//,
    );

    expect(result).toContain(
      lines(
        "import { cJob } from '../jobs/c.job';",
        "import { dJob } from '../jobs/d.job';",
        "import type { JobDefinition } from './job-definition';",
      ),
    );
  });

  it('sorts re-exports the same way', () => {
    const index = lines(
      "export { A } from './jobs/a.job';",
      "export { C } from './jobs/c.job';",
      "export { Problem } from './http/problem';",
    );

    const result = addModuleStatement(
      index,
      "export { B } from './jobs/b.job';",
      './jobs/b.job',
      /^\.\/jobs\//,
    );

    expect(result).toBe(
      lines(
        "export { A } from './jobs/a.job';",
        "export { B } from './jobs/b.job';",
        "export { C } from './jobs/c.job';",
        "export { Problem } from './http/problem';",
      ),
    );
  });

  describe('when no statement is in the group', () => {
    it('goes after the last import', () => {
      const result = addModuleStatement(
        lines("import { a } from 'a';", '', 'a();'),
        "import { b } from './b.handler';",
        './b.handler',
        /\.handler$/,
      );

      expect(result).toBe(
        lines(
          "import { a } from 'a';",
          "import { b } from './b.handler';",
          '',
          'a();',
        ),
      );
    });

    it('goes first in a file without imports', () => {
      expect(
        addModuleStatement('a();\n', "import { b } from './b';", './b', /b/),
      ).toBe("import { b } from './b';\na();\n");
    });
  });
});

describe('importsName', () => {
  const text = "import { completed, discard } from './outcome';\n";

  it('finds a named import', () => {
    expect(importsName(text, 'discard')).toBe(true);
  });

  it('does not find one that is not there', () => {
    expect(importsName(text, 'retry')).toBe(false);
  });
});
