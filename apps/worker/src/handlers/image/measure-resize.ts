/**
 * Runs one `image.resize` job in this process and prints its outcome and
 * the process's peak resident memory as JSON: the memory spec starts it as
 * a child, so the peak is this job's alone (plus Node, tsx and sharp).
 *
 * Usage: node --import tsx measure-resize.ts <input file> <payload JSON>
 *   <output dir>; the payload is given without its `base64`, which is the
 *   input file's.
 */
import { readFileSync } from 'node:fs';
import type { ImageResizePayload } from '@errand/contracts';
import { testJobContext } from '@errand/queue-core/testing';
import { imageResizeHandler } from '../image-resize.handler';
import { createOutboundPolicy } from '../outbound/outbound-policy';

/** The peak RSS so far, in MB (`maxRSS` is in KiB). */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [inputFile, payloadJson, outputDir] = process.argv.slice(2);
  const payload: ImageResizePayload = {
    ...(JSON.parse(payloadJson) as Omit<ImageResizePayload, 'base64'>),
    base64: readFileSync(inputFile).toString('base64'),
  };
  const handler = imageResizeHandler({
    outputDir,
    policy: createOutboundPolicy(),
  });
  const idleMb = peakRssMb();
  const startedAt = Date.now();
  const outcome = await handler(payload, testJobContext('image.resize'));
  process.stdout.write(
    JSON.stringify({
      outcome,
      idleMb: Math.round(idleMb),
      peakMb: Math.round(peakRssMb()),
      ms: Date.now() - startedAt,
    }),
  );
}

void main();
