import { Type, type Static } from '@sinclair/typebox';
import { defineJob } from '../catalog/job-definition';

const Cell = Type.String({ maxLength: 500 });

/** A simple table: a header row and up to 1 000 rows of plain-text cells. */
export const PdfTable = Type.Object(
  {
    columns: Type.Array(Cell, { minItems: 1, maxItems: 8 }),
    rows: Type.Array(Type.Array(Cell, { maxItems: 8 }), { maxItems: 1_000 }),
  },
  { additionalProperties: false },
);
export type PdfTable = Static<typeof PdfTable>;

/** A small document: a title, paragraphs of text, then an optional table. */
export const PdfRenderPayload = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    paragraphs: Type.Array(Type.String({ maxLength: 10_000 }), {
      maxItems: 200,
    }),
    table: Type.Optional(PdfTable),
  },
  { additionalProperties: false },
);
export type PdfRenderPayload = Static<typeof PdfRenderPayload>;

/** Where the PDF was written and how long it is. */
const PdfRenderResult = Type.Object(
  {
    path: Type.String(),
    pages: Type.Integer({ minimum: 1 }),
    bytes: Type.Integer(),
  },
  { additionalProperties: false },
);
type PdfRenderResult = Static<typeof PdfRenderResult>;

/** `pdf.render`: renders a small document to a PDF in the output folder. */
export const pdfRenderJob = defineJob({
  description:
    'Renders a title, paragraphs and a table to a PDF (pdfkit) in the output folder.',
  payload: PdfRenderPayload,
  result: PdfRenderResult,
  version: 1,
  example: {
    title: 'Invoice 2026-0042',
    paragraphs: ['Thank you for your order.'],
    table: {
      columns: ['Item', 'Qty', 'Price'],
      rows: [['Widget', '2', '9.90']],
    },
  },
  defaults: { retries: 2, priority: 0, timeoutMs: 60_000 },
});
