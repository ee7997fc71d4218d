import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  copySources,
  parseDockerfile,
  type DockerInstruction,
} from './parse-dockerfile';

const root = resolve(__dirname, '../..');
const apps = ['api', 'worker', 'inspector'] as const;

const read = (app: string) =>
  parseDockerfile(
    readFileSync(join(root, 'docker', `${app}.Dockerfile`), 'utf8'),
  );

/** The instructions of the last stage: what the image is at run time. */
function runtimeStage(instructions: DockerInstruction[]): DockerInstruction[] {
  const froms = instructions.filter(i => i.keyword === 'FROM');
  const last = froms[froms.length - 1];
  return instructions.slice(last ? instructions.indexOf(last) : 0);
}

describe('parseDockerfile', () => {
  it('joins continuations and drops comments', () => {
    expect(
      parseDockerfile(
        '# c\nFROM node:20 AS build\nRUN a \\\n  # inside\n  && b\n\nUSER node\n',
      ),
    ).toEqual([
      { keyword: 'FROM', args: 'node:20 AS build', line: 2 },
      { keyword: 'RUN', args: 'a && b', line: 3 },
      { keyword: 'USER', args: 'node', line: 7 },
    ]);
  });

  it('refuses a file that ends in a continuation', () => {
    expect(() => parseDockerfile('FROM x\nRUN a \\')).toThrow(
      'line 2: ends in a continuation',
    );
  });
});

describe.each(apps)('docker/%s.Dockerfile', app => {
  const instructions = read(app);
  const runtime = runtimeStage(instructions);
  const keywords = instructions.map(i => i.keyword);

  it('builds in one stage and runs in a slim one', () => {
    const froms = instructions.filter(i => i.keyword === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms[0]?.args).toMatch(/ AS build$/);
    expect(runtime[0]?.args).toMatch(/-slim$/);
  });

  it('runs as a non-root user', () => {
    const users = runtime.filter(i => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]?.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it('has a HEALTHCHECK on the health endpoint (none for the one-shot CLI)', () => {
    const check = runtime.find(i => i.keyword === 'HEALTHCHECK');
    if (app === 'inspector') expect(check?.args).toBe('NONE');
    else expect(check?.args).toContain('/healthz');
  });

  it('is labelled with the version passed as a build argument', () => {
    expect(runtime.find(i => i.keyword === 'ARG')?.args).toMatch(/^VERSION=/);
    expect(runtime.find(i => i.keyword === 'LABEL')?.args).toContain(
      'org.opencontainers.image.version="$VERSION"',
    );
  });

  it('copies into the runtime stage only what it builds, no dev dependencies', () => {
    const copies = runtime
      .filter(i => i.keyword === 'COPY')
      .map(i => copySources(i.args));
    expect(copies.every(copy => copy.from === 'build')).toBe(true);
    expect(copies[0]?.sources).toEqual([`/repo/dist/apps/${app}/main.js`]);
    expect(runtime.some(i => /npm (ci|install)/.test(i.args))).toBe(false);
  });

  it('copies sources that exist: the repository’s, and the bundle the build writes', () => {
    if (!existsSync(join(root, 'dist', 'apps', app, 'main.js'))) {
      execFileSync(join(root, 'node_modules', '.bin', 'nx'), ['build', app], {
        cwd: root,
        stdio: 'ignore',
        env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
      });
    }
    const missing = instructions
      .filter(i => i.keyword === 'COPY')
      .map(i => copySources(i.args))
      .flatMap(({ from, sources }) =>
        sources
          // Built in the image's first stage from the repository root.
          .filter(source => !source.startsWith('/externals'))
          .map(source =>
            from === 'build' ? source.replace(/^\/repo\//, '') : source,
          ),
      )
      .filter(source => !existsSync(join(root, source)));

    expect(missing).toEqual([]);
    expect(keywords).toContain('CMD');
  });
});
