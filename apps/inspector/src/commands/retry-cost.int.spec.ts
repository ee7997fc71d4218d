import { countRedisCommands } from '@errand/queue-core/testing';
import { useCliFixture } from '../testing/cli-fixture';

// The whole process: connection set-up, the one lookup of the job, the
// move, the view printed and the audit entry (issue 16, rule 7).
const MAX_COMMANDS = 40;

describe('inspector retry <id>, counted in Redis commands', () => {
  const cli = useCliFixture();

  it(`retries one dead job in at most ${MAX_COMMANDS}, set-up included`, async () => {
    const [dead] = await cli.deadJobs(1, 'boom');
    let code: number | null = null;

    const commands = await countRedisCommands(
      cli.queues.server.url,
      async () => {
        code = (await cli.inspector(['retry', dead])).code;
      },
    );

    expect(code).toBe(0);
    expect((await cli.view(dead)).status).toBe('queued');
    expect(commands).toBeLessThanOrEqual(MAX_COMMANDS);
  });
});
