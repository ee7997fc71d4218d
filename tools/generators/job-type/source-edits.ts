import ts from 'typescript';
import { JOB_TYPE_NAME } from './job-type-names';

// Text edits located through the TypeScript AST, so they follow the code
// rather than its layout. Each returns new text written as Prettier would,
// so the result is tidy even when the generator skips formatting.

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('edit.ts', text, ts.ScriptTarget.Latest, true);
}

function insertAt(text: string, position: number, insertion: string): string {
  return text.slice(0, position) + insertion + text.slice(position);
}

type ModuleStatement = ts.ImportDeclaration | ts.ExportDeclaration;

function specifierOf(statement: ModuleStatement): string | undefined {
  const specifier = statement.moduleSpecifier;
  return specifier && ts.isStringLiteral(specifier)
    ? specifier.text
    : undefined;
}

/**
 * Adds `statement`, an import or re-export from `specifier`, among the
 * top-level ones whose specifier matches `group`, keeping the group sorted
 * by specifier. With no such group it goes after the last import.
 */
export function addModuleStatement(
  text: string,
  statement: string,
  specifier: string,
  group: RegExp,
): string {
  const source = parse(text);
  const modules = source.statements.filter(
    (s): s is ModuleStatement =>
      ts.isImportDeclaration(s) || ts.isExportDeclaration(s),
  );
  const grouped = modules.filter(s => group.test(specifierOf(s) ?? ''));
  const next = grouped.find(s => (specifierOf(s) ?? '') > specifier);
  if (next) return insertAt(text, next.getStart(source), `${statement}\n`);
  const anchor =
    grouped.at(-1) ?? source.statements.filter(ts.isImportDeclaration).at(-1);
  return anchor
    ? insertAt(text, anchor.end, `\n${statement}`)
    : `${statement}\n${text}`;
}

function isTypeKeyed(
  element: ts.ObjectLiteralElementLike,
): element is ts.PropertyAssignment & { name: ts.StringLiteral } {
  return (
    ts.isPropertyAssignment(element) &&
    ts.isStringLiteral(element.name) &&
    JOB_TYPE_NAME.test(element.name.text)
  );
}

/** The one object literal keyed by job type names, such as `'email.send'`. */
function findRegistry(source: ts.SourceFile): ts.ObjectLiteralExpression {
  const found: ts.ObjectLiteralExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node) && node.properties.some(isTypeKeyed))
      found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found.length !== 1) {
    throw new Error(
      `Expected one object keyed by job types, such as { 'email.send': … }, found ${found.length}.`,
    );
  }
  return found[0];
}

/** The job types an object literal keyed by them lists, in order. */
export function registryKeys(text: string): string[] {
  return findRegistry(parse(text))
    .properties.filter(isTypeKeyed)
    .map(property => property.name.text);
}

/**
 * Adds `entry` (`'sms.send': smsSendJob`) to the object literal keyed by job
 * types, after its last such key: catalog order is insertion order, and a
 * trailing `...overrides` spread keeps the last word.
 */
export function addRegistryEntry(text: string, entry: string): string {
  const source = parse(text);
  const last = findRegistry(source).properties.filter(isTypeKeyed).at(-1);
  if (!last) throw new Error('The registry has no job type entry.');
  const start = last.getStart(source);
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const before = text.slice(lineStart, start);
  const indent = /^\s*$/.test(before) ? before : '  ';
  const comma = /^[ \t]*,/.exec(text.slice(last.end));
  return comma
    ? insertAt(text, last.end + comma[0].length, `\n${indent}${entry},`)
    : insertAt(text, last.end, `,\n${indent}${entry},`);
}

/** Whether the file imports a binding called `name`. */
export function importsName(text: string, name: string): boolean {
  return parse(text).statements.some(
    s =>
      ts.isImportDeclaration(s) &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some(e => e.name.text === name),
  );
}
