import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testJobContext } from '@errand/queue-core/testing';
import { pdfRenderHandler } from './pdf-render.handler';

// pdf-parse (pdf.js) loads its worker with a dynamic import, which Jest's
// module sandbox does not allow; it runs in a plain Node process instead.
const PARSE_SCRIPT = `
const { readFileSync } = require('node:fs');
const { PDFParse } = require('pdf-parse');
const parser = new PDFParse({ data: readFileSync(process.argv[1]) });
parser.getText().then(async ({ text, total }) => {
  process.stdout.write(JSON.stringify({ text, pages: total }));
  await parser.destroy();
});
`;

/** Parses a PDF back with pdf-parse: its text and page count. */
async function parsePdf(
  path: string,
): Promise<{ text: string; pages: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-e', PARSE_SCRIPT, path],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

describe('pdfRenderHandler', () => {
  let outputDir: string;
  beforeEach(async () => {
    outputDir = await mkdtemp(join(tmpdir(), 'errand-pdf-'));
  });
  afterEach(() => rm(outputDir, { recursive: true, force: true }));

  it('writes <job id>.pdf with the title, paragraphs and table', async () => {
    const outcome = await pdfRenderHandler({ outputDir })(
      {
        title: 'Invoice 2026-0042',
        paragraphs: ['Thank you for your order.', 'Payment is due in 30 days.'],
        table: {
          columns: ['Item', 'Qty', 'Price'],
          rows: [
            ['Widget', '2', '9.90'],
            ['Gadget', '1'], // a short row is padded
          ],
        },
      },
      testJobContext('pdf.render', { jobId: 'job-5' }),
    );

    const path = join(outputDir, 'job-5.pdf');
    expect(outcome).toEqual({
      kind: 'completed',
      result: { path, pages: 1, bytes: expect.any(Number) },
    });
    const pdf = await parsePdf(path);
    expect(pdf.pages).toBe(1);
    for (const text of [
      'Invoice 2026-0042',
      'Thank you for your order.',
      'Payment is due in 30 days.',
      'Item',
      'Price',
      'Widget',
      '9.90',
      'Gadget',
    ]) {
      expect(pdf.text).toContain(text);
    }
  });

  it('breaks a long table across pages and counts them', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => [
      `row ${i}`,
      `${i * 2}`,
    ]);

    const outcome = await pdfRenderHandler({ outputDir })(
      {
        title: 'Long',
        paragraphs: [],
        table: { columns: ['Name', 'Value'], rows },
      },
      testJobContext('pdf.render'),
    );

    expect(outcome.kind).toBe('completed');
    const { path, pages } = (
      outcome as { result: { path: string; pages: number } }
    ).result;
    const pdf = await parsePdf(path);
    expect(pages).toBeGreaterThan(1);
    expect(pdf.pages).toBe(pages);
    expect(pdf.text).toContain('row 0');
    expect(pdf.text).toContain('row 299');
  });

  it('stops and writes nothing when the job is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('timed out'));
    const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`]);

    await expect(
      pdfRenderHandler({ outputDir })(
        { title: 'Aborted', paragraphs: [], table: { columns: ['A'], rows } },
        testJobContext('pdf.render', { signal: controller.signal }),
      ),
    ).rejects.toThrow('timed out');
    await expect(readFile(join(outputDir, 'job-1.pdf'))).rejects.toThrow(
      /ENOENT/,
    );
  });
});
