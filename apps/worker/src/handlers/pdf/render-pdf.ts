import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { PdfRenderPayload } from '@errand/contracts';

/** Table rows drawn between two turns of the event loop. */
const ROWS_PER_TURN = 50;

/** A rendered document: its bytes and its page count. */
export interface RenderedPdf {
  data: Buffer;
  pages: number;
}

/**
 * Renders the document model to PDF bytes with pdfkit's standard fonts (no
 * font files to ship): the title in bold, each paragraph, then the table
 * with a bold header row, which pdfkit breaks across pages as needed.
 * pdfkit works on the main thread, so the table is drawn a slice of rows
 * at a time, yielding in between: lock renewal and other jobs keep running,
 * and an abort (timeout, shutdown) stops the render between slices.
 */
export async function renderPdf(
  model: PdfRenderPayload,
  signal: AbortSignal,
): Promise<RenderedPdf> {
  // Loaded on first use (with its font metrics), so workers that never
  // render a PDF never hold it in memory.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    bufferPages: true, // keeps every page, so they can be counted at the end
    info: { Title: model.title, Producer: 'Errand pdf.render' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).text(model.title);
  doc.moveDown();
  doc.font('Helvetica').fontSize(11);
  for (const paragraph of model.paragraphs) {
    doc.text(paragraph, { align: 'left' });
    doc.moveDown(0.5);
  }
  if (model.table) {
    const { columns, rows } = model.table;
    doc.moveDown(0.5);
    const table = doc.table({ columnStyles: columns.map(() => '*') });
    table.row(columns.map(text => ({ text, font: { src: 'Helvetica-Bold' } })));
    for (let start = 0; start < rows.length; start += ROWS_PER_TURN) {
      for (const row of rows.slice(start, start + ROWS_PER_TURN)) {
        // Short rows are padded: every row spans all the columns.
        table.row(columns.map((_, index) => row[index] ?? ''));
      }
      await yieldToEventLoop();
      signal.throwIfAborted();
    }
    table.end();
  }
  const pages = doc.bufferedPageRange().count;
  doc.end();
  await ended;
  return { data: Buffer.concat(chunks), pages };
}
