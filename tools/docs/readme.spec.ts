import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokenLinks, headingAnchors } from './markdown-links';

const ROOT = join(__dirname, '..', '..');
const README = join(ROOT, 'README.md');
const DOCS = join(ROOT, 'docs');

/** The README and every Markdown file under docs/. */
const markdownFiles = () => [
  README,
  ...readdirSync(DOCS)
    .filter(name => name.endsWith('.md'))
    .map(name => join(DOCS, name)),
];

describe('README.md and docs/', () => {
  // The README is the front door (what Errand is, the two commands, a job's
  // path, the docs table); the reference lives in docs/ (issue 16, rule 8).
  it('keeps the README at most 250 lines', () => {
    const lines = readFileSync(README, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(250);
  });

  it('keeps the quick start commands in the README', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('has every relative link lead to a file and heading that exist', () => {
    const broken = markdownFiles().flatMap(file => brokenLinks(file, ROOT));
    expect(broken).toEqual([]);
  });
});

describe('brokenLinks', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errand-links-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `files` (name → Markdown) and checks `a.md`. */
  function check(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
    }
    return brokenLinks(join(dir, 'a.md'), dir).map(
      ({ line, target, reason }) => `${line} ${target}: ${reason}`,
    );
  }

  it('reports a missing file and a missing heading, and passes good ones', () => {
    const a = [
      '# A',
      '[ok](b.md) [ok](b.md#the-queue-retries) [ok](#a) [web](https://example.com/x.md)',
      '[gone](c.md)',
      '[gone](b.md#nowhere) [gone](#b)',
      '```sh',
      '[not a link](d.md)',
      '```',
      '`[code](d.md)`',
    ].join('\n');
    expect(check({ 'a.md': a, 'b.md': '## The `queue`: retries\n' })).toEqual([
      '3 c.md: no such file',
      '4 b.md#nowhere: no heading #nowhere',
      '4 #b: no heading #b',
    ]);
  });

  it('names headings as GitHub does', () => {
    const anchors = headingAnchors(
      [
        '# Cancel, timeouts, progress and the timeline',
        '## `GET /jobs/:id` (and [events](x.md))',
        '## Stats',
        '## Stats',
        '```',
        '# not a heading',
        '```',
      ].join('\n'),
    );
    expect([...anchors]).toEqual([
      'cancel-timeouts-progress-and-the-timeline',
      'get-jobsid-and-events',
      'stats',
      'stats-1',
    ]);
  });
});
