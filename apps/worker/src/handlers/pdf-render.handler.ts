import { completed, type JobHandler } from '@errand/contracts';
import { writeOutputFile } from './output/output-file';
import { renderPdf } from './pdf/render-pdf';

/**
 * `pdf.render`: renders the payload's document and writes it to
 * `<outputDir>/<job id>.pdf`; the result is its path, pages and size.
 */
export function pdfRenderHandler(settings: {
  outputDir: string;
}): JobHandler<'pdf.render'> {
  return async (payload, context) => {
    const { data, pages } = await renderPdf(payload, context.signal);
    const path = await writeOutputFile(
      settings.outputDir,
      context.jobId,
      'pdf',
      data,
    );
    return completed({ path, pages, bytes: data.length });
  };
}
