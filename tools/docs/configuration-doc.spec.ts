import { existsSync, readFileSync } from 'node:fs';
import { APP_SCHEMAS } from './config-schemas';
import {
  CONFIGURATION_DOC,
  CONFIGURATION_PATH,
  REGENERATE_COMMAND,
  renderConfiguration,
} from './render-configuration';

/** Why the committed file differs from the schemas' rendering, or ''. */
function staleness(onDisk: string | undefined, rendered: string): string {
  if (onDisk === rendered) return '';
  const fix = `${CONFIGURATION_DOC} is stale: run \`${REGENERATE_COMMAND}\` and commit it.`;
  if (onDisk === undefined) return `${fix} (The file is missing.)`;
  const disk = onDisk.split('\n');
  const fresh = rendered.split('\n');
  const line = fresh.findIndex((text, i) => text !== disk[i]);
  const at = line === -1 ? disk.length - 1 : line;
  return `${fix} First difference at line ${at + 1}:\n  committed: ${disk[at] ?? '(end of file)'}\n  generated: ${fresh[at] ?? '(end of file)'}`;
}

describe(CONFIGURATION_DOC, () => {
  it('is what the config schemas generate', () => {
    const onDisk = existsSync(CONFIGURATION_PATH)
      ? readFileSync(CONFIGURATION_PATH, 'utf8')
      : undefined;

    const rendered = renderConfiguration(APP_SCHEMAS);

    expect(staleness(onDisk, rendered)).toBe('');
  });
});
