import { BenchUsageError, parseBenchArgs } from './bench-args';

describe('parseBenchArgs', () => {
  it('runs every section by default', () => {
    const args = parseBenchArgs([]);

    expect(args).toMatchObject({
      quick: false,
      profile: false,
      fromDist: false,
    });
    expect(args.runs('drain')).toBe(true);
    expect(args.runs('layers')).toBe(true);
  });

  it('reads the known flags', () => {
    const args = parseBenchArgs(['--quick', '--profile', '--dist']);

    expect(args).toMatchObject({ quick: true, profile: true, fromDist: true });
  });

  it('runs only the sections --only names, in either spelling', () => {
    for (const argv of [
      ['--only=drain,enqueue'],
      ['--only', 'drain,enqueue'],
    ]) {
      const args = parseBenchArgs(argv);

      expect(args.runs('drain')).toBe(true);
      expect(args.runs('enqueue')).toBe(true);
      expect(args.runs('memory')).toBe(false);
    }
  });

  it('tells the flows section from flow control', () => {
    const args = parseBenchArgs(['--only=flows']);

    expect(args.runs('flows')).toBe(true);
    expect(args.runs('flow')).toBe(false);
  });

  it.each([['--quik'], ['--only'], ['drain'], ['--quick=yes']])(
    'refuses %s rather than running the full bench',
    arg => {
      expect(() => parseBenchArgs([arg])).toThrow(BenchUsageError);
    },
  );

  it('names a section it does not have, and lists the real ones', () => {
    expect(() => parseBenchArgs(['--only=drian'])).toThrow(
      /no section named "drian"; the sections are drain, enqueue/,
    );
  });

  it('takes --node and keeps the other flags for the run under it', () => {
    const args = parseBenchArgs(['--quick', '--node', '24', '--only=drain']);

    expect(args.node).toBe('24');
    expect(args.rest).toEqual(['--quick', '--only', 'drain']);
    expect(parseBenchArgs(args.rest).runs('enqueue')).toBe(false);
  });
});
