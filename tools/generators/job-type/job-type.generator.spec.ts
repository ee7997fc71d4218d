import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import jobTypeGenerator from './job-type.generator';
import { REGISTRIES } from './register-job-type';
import { registryKeys } from './source-edits';

const WORKSPACE_ROOT = join(__dirname, '../../..');

/** An in-memory workspace holding copies of the real registry files. */
function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  for (const path of Object.values(REGISTRIES)) {
    tree.write(path, readFileSync(join(WORKSPACE_ROOT, path), 'utf-8'));
  }
  return tree;
}

/** Every file's text, to tell what a run changed. */
function snapshot(tree: Tree): Map<string, string> {
  return new Map(
    tree.listChanges().map(c => [c.path, c.content?.toString() ?? '']),
  );
}

const read = (tree: Tree, path: string) => tree.read(path, 'utf-8') ?? '';

describe('the job-type generator', () => {
  describe('for sample.echo', () => {
    let tree: Tree;
    let before: Map<string, string>;

    beforeEach(async () => {
      tree = workspaceTree();
      before = snapshot(tree);
      await jobTypeGenerator(tree, { name: 'sample.echo' });
    });

    it('writes the contract, the handler and a spec beside each', () => {
      const contract = read(tree, 'libs/contracts/src/jobs/sample-echo.job.ts');
      const handler = read(
        tree,
        'apps/worker/src/handlers/sample-echo.handler.ts',
      );

      expect(contract).toContain(
        'export const SampleEchoPayload = Type.Object(',
      );
      expect(contract).toContain(
        'export type SampleEchoResult = Static<typeof SampleEchoResult>;',
      );
      expect(contract).toContain('export const sampleEchoJob = defineJob({');
      expect(contract).toContain("description: 'Runs one sample.echo job.',");
      expect(handler).toContain(
        "export const sampleEchoHandler: JobHandler<'sample.echo'> = async",
      );
      expect(handler).toContain('// Replace this with the real work');
      expect(
        read(tree, 'libs/contracts/src/jobs/sample-echo.job.spec.ts'),
      ).toContain("describe('the sample.echo contract'");
      expect(
        read(tree, 'apps/worker/src/handlers/sample-echo.handler.spec.ts'),
      ).toContain("describe('sampleEchoHandler'");
    });

    it('appends it to the catalog, importing its definition in order', () => {
      const catalog = read(tree, REGISTRIES.catalog);

      expect(registryKeys(catalog).at(-1)).toBe('sample.echo');
      expect(catalog).toContain("  'sample.echo': sampleEchoJob,\n");
      const imported = (job: string) =>
        catalog.indexOf(`from '../jobs/${job}.job';`);
      expect(imported('email-send')).toBeLessThan(imported('sample-echo'));
      expect(imported('sample-echo')).toBeLessThan(imported('system-fail'));
    });

    it('exports its schemas from the contracts lib', () => {
      expect(read(tree, REGISTRIES.contractsIndex)).toContain(
        "export { SampleEchoPayload, SampleEchoResult } from './jobs/sample-echo.job';\n",
      );
    });

    it("registers its handler in the worker's map", () => {
      const handlers = read(tree, REGISTRIES.handlers);

      expect(registryKeys(handlers).at(-1)).toBe('sample.echo');
      expect(handlers).toContain("    'sample.echo': sampleEchoHandler,\n");
      expect(handlers).toContain(
        "import { sampleEchoHandler } from './sample-echo.handler';\n",
      );
    });

    it("gives queue-core's test handlers a stand-in the overrides can replace", () => {
      const testHandlers = read(tree, REGISTRIES.testHandlers);
      const entry = testHandlers.indexOf(
        "'sample.echo': async () => discard('no test handler for sample.echo'),",
      );

      expect(entry).toBeGreaterThan(0);
      expect(entry).toBeLessThan(testHandlers.indexOf('...overrides'));
    });

    it('touches no other file', () => {
      const changed = [...snapshot(tree)]
        .filter(([path, text]) => before.get(path) !== text)
        .map(([path]) => path)
        .sort();

      expect(changed).toEqual(
        [
          ...Object.values(REGISTRIES),
          'libs/contracts/src/jobs/sample-echo.job.ts',
          'libs/contracts/src/jobs/sample-echo.job.spec.ts',
          'apps/worker/src/handlers/sample-echo.handler.ts',
          'apps/worker/src/handlers/sample-echo.handler.spec.ts',
        ].sort(),
      );
    });
  });

  describe('when given a description', () => {
    it('puts it in the catalog entry and the doc comments, quoted safely', async () => {
      const tree = workspaceTree();

      await jobTypeGenerator(tree, {
        name: 'sample.echo',
        description: "Sends one SMS;\n it's billed per */ part.",
      });

      const contract = read(tree, 'libs/contracts/src/jobs/sample-echo.job.ts');
      expect(contract).toContain(
        "description: 'Sends one SMS; it\\'s billed per */ part.',",
      );
      expect(contract).toContain(
        "/** `sample.echo`: Sends one SMS; it's billed per *\\/ part. */",
      );
    });
  });

  describe('when run for two types', () => {
    it('registers both, in the order they were added', async () => {
      const tree = workspaceTree();

      await jobTypeGenerator(tree, { name: 'sample.echo' });
      await jobTypeGenerator(tree, { name: 'sample.relay' });

      expect(registryKeys(read(tree, REGISTRIES.catalog)).slice(-2)).toEqual([
        'sample.echo',
        'sample.relay',
      ]);
      expect(registryKeys(read(tree, REGISTRIES.handlers)).slice(-2)).toEqual([
        'sample.echo',
        'sample.relay',
      ]);
    });
  });

  describe('when the name is not a job type name', () => {
    it('refuses before writing anything', async () => {
      const tree = workspaceTree();
      const before = snapshot(tree);

      await expect(
        jobTypeGenerator(tree, { name: 'Sms:Send' }),
      ).rejects.toThrow('"Sms:Send" is not a job type name');
      expect(snapshot(tree)).toEqual(before);
    });
  });

  describe('when the type is already in the catalog', () => {
    it('refuses before writing anything', async () => {
      const tree = workspaceTree();
      const before = snapshot(tree);

      await expect(
        jobTypeGenerator(tree, { name: 'email.send' }),
      ).rejects.toThrow(`email.send is already in ${REGISTRIES.catalog}.`);
      expect(snapshot(tree)).toEqual(before);
    });
  });

  describe('when one of its files already exists', () => {
    it('refuses rather than overwrite it', async () => {
      const tree = workspaceTree();
      tree.write('apps/worker/src/handlers/sample-echo.handler.ts', 'mine');

      await expect(
        jobTypeGenerator(tree, { name: 'sample.echo' }),
      ).rejects.toThrow(
        'apps/worker/src/handlers/sample-echo.handler.ts already exists.',
      );
      expect(
        read(tree, 'apps/worker/src/handlers/sample-echo.handler.ts'),
      ).toBe('mine');
    });
  });
});
