/**
 * Prints a new API key and its `API_KEYS` entry:
 *
 *   npm run new-api-key -- --name ci --role producer --types email.send
 *
 * The key is shown once; the API stores only its SHA-256 (the entry).
 */
import { parseArgs } from 'node:util';
import { makeApiKey } from './make-api-key';

try {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string', default: 'producer' },
      types: { type: 'string' },
    },
  });
  if (!values.name) throw new Error('--name is required');
  const { key, entry } = makeApiKey({
    name: values.name,
    role: values.role ?? 'producer',
    types: values.types?.split(',').filter(Boolean),
  });
  process.stdout.write(
    `API key (give it to the client; it is not stored anywhere):\n${key}\n\n` +
      `API_KEYS entry (add it to the API's API_KEYS, entries separated by ;):\n${entry}\n`,
  );
} catch (error) {
  process.stderr.write(
    `${(error as Error).message}\nusage: npm run new-api-key -- --name <name> [--role producer|admin] [--types a.b,c.d]\n`,
  );
  process.exitCode = 2;
}
