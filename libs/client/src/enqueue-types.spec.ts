import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

// The fixtures are `.ts.txt` so that the lib's lint and typecheck never see
// them; here they are compiled as if they were `.ts` files in a client app
// of this workspace, importing `@errand/client` through its package link.
const LIB_ROOT = resolve(__dirname, '..');
const FIXTURES = join(__dirname, '__fixtures__');
const MARKER = /\/\/ expect-error: (.+)$/;

/** The error lines of one fixture, 1-based, with their messages. */
type ErrorsByLine = Map<number, string[]>;

/** Type-checks fixtures with the lib's compiler options, in one program. */
function compile(...names: string[]): Map<string, ErrorsByLine> {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(LIB_ROOT, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('libs/client/tsconfig.json does not parse');
  const sources = new Map(
    names.map(name => [
      join(FIXTURES, `${name}.ts`),
      readFileSync(join(FIXTURES, `${name}.ts.txt`), 'utf8'),
    ]),
  );
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile } = host;
  host.fileExists = file => sources.has(file) || fileExists(file);
  host.readFile = file => sources.get(file) ?? readFile(file);
  const program = ts.createProgram([...sources.keys()], config.options, host);

  const result = new Map<string, ErrorsByLine>();
  for (const [file] of sources) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} was not compiled`);
    const errors: ErrorsByLine = new Map();
    for (const diagnostic of ts.getPreEmitDiagnostics(program, source)) {
      const { line } = source.getLineAndCharacterOfPosition(
        diagnostic.start ?? 0,
      );
      const message = ts.flattenDiagnosticMessageText(
        diagnostic.messageText,
        '\n',
      );
      errors.set(line + 1, [...(errors.get(line + 1) ?? []), message]);
    }
    result.set(file.slice(FIXTURES.length + 1, -'.ts'.length), errors);
  }
  return result;
}

/** The fixture's marked lines, 1-based, with the message each expects. */
function expectedErrors(name: string): Map<number, string> {
  const lines = readFileSync(join(FIXTURES, `${name}.ts.txt`), 'utf8').split(
    '\n',
  );
  const expected = new Map<number, string>();
  lines.forEach((text, index) => {
    const match = MARKER.exec(text);
    if (match) expected.set(index + 1, match[1]);
  });
  return expected;
}

describe('enqueue payload types', () => {
  let compiled: Map<string, ErrorsByLine>;

  beforeAll(() => {
    compiled = compile('wrong-payloads', 'right-payloads');
  });

  describe('when a payload breaks its contract', () => {
    const expected = expectedErrors('wrong-payloads');

    it('has marked lines to check', () => {
      expect(expected.size).toBeGreaterThanOrEqual(6);
    });

    it.each([...expected])(
      'fails tsc on line %i with "%s"',
      (line, message) => {
        const errors = compiled.get('wrong-payloads')?.get(line) ?? [];

        expect(errors.join('\n')).toContain(message);
      },
    );

    it('fails tsc on no other line', () => {
      const lines = [...(compiled.get('wrong-payloads')?.keys() ?? [])];

      expect(lines.sort((a, b) => a - b)).toEqual([...expected.keys()]);
    });
  });

  describe('when every payload matches its contract', () => {
    it('compiles without errors', () => {
      const errors = compiled.get('right-payloads');

      expect([...(errors?.values() ?? [])].flat()).toEqual([]);
    });
  });
});
