import { Type } from '@sinclair/typebox';
import type { JobTypeExtension } from './job-type-extensions';

const REGISTRY = Symbol.for('errand.job-type-extensions');

const extension: JobTypeExtension = {
  name: 'test.extra',
  definition: {
    description: 'A type registered from outside the catalog.',
    payload: Type.Object({}),
    result: Type.Object({}),
    version: 1,
    example: {},
    defaults: { retries: 0, priority: 0, timeoutMs: 1_000 },
  },
  handler: async () => undefined,
};

/** A fresh copy of `path`, as a new process would load it. */
function load<T extends object>(path: string): T {
  let loaded!: T;
  jest.isolateModules(() => (loaded = jest.requireActual<T>(path)));
  return loaded;
}

type Extensions = typeof import('./job-type-extensions');
type Catalog = typeof import('./job-catalog');

/** Fresh modules over an empty process-wide registry. */
function fresh() {
  delete (globalThis as Record<symbol, unknown>)[REGISTRY];
  return {
    extensions: load<Extensions>('./job-type-extensions'),
    catalog: () => load<Catalog>('./job-catalog'),
  };
}

describe('job type extensions', () => {
  afterEach(() => delete (globalThis as Record<symbol, unknown>)[REGISTRY]);

  it('adds a type registered before the catalog is built to it', () => {
    const { extensions, catalog } = fresh();
    extensions.registerJobTypeExtension(extension);
    const { jobCatalog, jobTypes, isJobType } = catalog();
    expect(Object.keys(jobCatalog)).toContain('test.extra');
    expect(jobTypes).toContain('test.extra');
    expect(isJobType('test.extra')).toBe(true);
    expect(extensions.jobTypeExtensions()).toEqual([extension]);
  });

  it('leaves the catalog to its built-in types when none is registered', () => {
    const { catalog } = fresh();
    expect(catalog().isJobType('test.extra')).toBe(false);
  });

  it('refuses a type registered after the catalog was built', () => {
    const { extensions, catalog } = fresh();
    catalog();
    expect(() => extensions.registerJobTypeExtension(extension)).toThrow(
      /registered after the catalog was built/,
    );
  });
});
