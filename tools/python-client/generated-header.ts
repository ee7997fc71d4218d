/** The first lines of every generated Python module. */
export const GENERATED_HEADER = [
  '# Generated from libs/contracts by tools/python-client/generate-types.ts:',
  '# do not edit. After changing a contract, run',
  '#   npx tsx tools/python-client/generate-types.ts',
];
