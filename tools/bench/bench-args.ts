import { parseArgs } from 'node:util';

/** The bench's sections, in the order they run. */
const SECTIONS = [
  'drain',
  'enqueue',
  'latency',
  'memory',
  'layers',
  'flow',
  'flows',
] as const;

type Section = (typeof SECTIONS)[number];

/** What one `npm run bench` is asked to do. */
export interface BenchArgs {
  quick: boolean;
  profile: boolean;
  fromDist: boolean;
  /** `--node 24`: the major Node.js version to run under, when not this one. */
  node?: string;
  /** The arguments again, without `--node`, for the run under that version. */
  rest: string[];
  /** Whether `section` runs: all of them unless `--only` names some. */
  runs(section: Section): boolean;
}

/** A flag the bench does not know, or a section it does not have. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

const BENCH_USAGE =
  'usage: npm run bench -- [--quick] [--profile] [--dist] [--only=drain,enqueue,latency,memory,layers,flow,flows] [--node 24]';

/**
 * Reads the bench's flags strictly: an unknown flag (`--quik`) or section
 * (`--only=drian`) is refused rather than ignored, which would silently run
 * the full bench.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let values;
  let tokens;
  try {
    ({ values, tokens } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        profile: { type: 'boolean', default: false },
        dist: { type: 'boolean', default: false },
        only: { type: 'string' },
        node: { type: 'string' },
      },
      tokens: true,
    }));
  } catch (error) {
    throw new BenchUsageError(`${(error as Error).message}\n${BENCH_USAGE}`);
  }
  const only = values.only?.split(',').map(name => name.trim());
  const unknown = only?.filter(
    name => !(SECTIONS as readonly string[]).includes(name),
  );
  if (unknown?.length) {
    throw new BenchUsageError(
      `--only: no section named ${unknown.map(n => `"${n}"`).join(', ')}; the sections are ${SECTIONS.join(', ')}.\n${BENCH_USAGE}`,
    );
  }
  return {
    quick: values.quick,
    profile: values.profile,
    fromDist: values.dist,
    node: values.node,
    rest: (tokens ?? []).flatMap(token =>
      token.kind !== 'option' || token.name === 'node'
        ? []
        : [token.rawName, ...(token.value === undefined ? [] : [token.value])],
    ),
    runs: section => !only || only.includes(section),
  };
}
