import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobView } from '@errand/contracts';
import { useCliFixture } from '../testing/cli-fixture';

const email = {
  to: 'user@example.com',
  subject: 'Welcome',
  text: 'your code is 1234',
};

describe('inspector export and enqueue', () => {
  const cli = useCliFixture();
  const dir = mkdtempSync(join(tmpdir(), 'inspector-export-'));

  it('enqueues a valid payload and prints its id', async () => {
    const run = await cli.inspector([
      'enqueue',
      'email.send',
      '--payload',
      JSON.stringify(email),
      '--json',
    ]);
    expect(run.code).toBe(0);
    const { id } = run.json<{ id: string }>();
    expect((await cli.view(id)).type).toBe('email.send');
  });

  it('refuses a payload that breaks the contract with exit 2, naming the field', async () => {
    const run = await cli.inspector([
      'enqueue',
      'email.send',
      '--payload',
      '{"to":"user@example.com"}',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[contract.invalidPayload]');
    expect(run.stderr).toContain('/subject');
  });

  it('refuses JSON that does not parse with exit 2', async () => {
    const run = await cli.inspector([
      'enqueue',
      'system.noop',
      '--payload',
      '{',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Not JSON/);
  });

  it('exports a job redacted, refuses to enqueue it until the redacted fields are filled in', async () => {
    const job = await cli.enqueue({ type: 'email.send', payload: email });
    const file = join(dir, 'job.json');
    const run = await cli.inspector([
      'export',
      job.id,
      '--out',
      file,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ file, id: job.id, type: 'email.send' });
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      job: JobView;
    };
    expect(exported.format).toBe('errand.job-export/1');
    expect(exported.job.payload).toMatchObject({ text: '[redacted]' });
    expect(exported.job.timeline?.[0]).toMatchObject({ event: 'created' });

    const refused = await cli.inspector(['enqueue', '--from-file', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/redacted fields \(\/payload\/text\)/);

    (exported.job.payload as { text: string }).text = 'a new code';
    writeFileSync(file, JSON.stringify(exported));
    const again = await cli.inspector([
      'enqueue',
      '--from-file',
      file,
      '--json',
    ]);
    expect(again.code).toBe(0);
    const copy = await cli.view(again.json<{ id: string }>().id);
    expect(copy.id).not.toBe(job.id);
    expect(copy.type).toBe('email.send');
  });

  it('refuses a type and --from-file together with exit 2', async () => {
    const run = await cli.inspector([
      'enqueue',
      'system.noop',
      '--from-file',
      'x.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not both/);
  });
});
