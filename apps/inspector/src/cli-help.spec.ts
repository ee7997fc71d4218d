import { runInspector } from './cli';

const commands = [
  ['list'],
  ['show'],
  ['why'],
  ['flow'],
  ['flow', 'show'],
  ['flow', 'cancel'],
  ['retry'],
  ['cancel'],
  ['dlq'],
  ['dlq', 'list'],
  ['dlq', 'replay'],
  ['dlq', 'purge'],
  ['stats'],
  ['workers'],
  ['pause'],
  ['resume'],
  ['clean'],
  ['types'],
  ['export'],
  ['enqueue'],
  ['audit'],
];

async function help(argv: string[]) {
  const out: string[] = [];
  const code = await runInspector(
    [...argv, '--help'],
    { out: t => out.push(t), err: t => out.push(t), isTty: false },
    {},
  );
  return { code, text: out.join('\n') };
}

describe('inspector --help', () => {
  it.each(commands)('shows usage and examples for %s', async (...argv) => {
    const { code, text } = await help(argv);
    expect(code).toBe(0);
    expect(text).toContain(`Usage: inspector ${argv.join(' ')}`);
    expect(text).toMatch(/Examples:\n {2}\$ inspector /);
  });

  it('lists every command at the top level, with examples', async () => {
    const { text } = await help([]);
    expect(text).toMatch(/Examples:\n {2}\$ inspector /);
    for (const [name] of commands) expect(text).toContain(`  ${name}`);
  });
});
