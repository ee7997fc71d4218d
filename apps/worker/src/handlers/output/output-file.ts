import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Writes a job's output file as `<dir>/<job id>.<extension>` and returns its
 * absolute path. Named by job id so that a retried attempt overwrites its
 * own earlier file instead of leaving a second one; written to a temporary
 * name first and renamed, so a reader never sees half a file.
 */
export async function writeOutputFile(
  dir: string,
  jobId: string,
  extension: string,
  data: Buffer,
): Promise<string> {
  // Job ids are ours (UUIDs), but a file name must never climb out of dir.
  const name = `${jobId.replace(/[^A-Za-z0-9_-]/g, '_')}.${extension}`;
  const path = resolve(join(dir, name));
  await mkdir(dir, { recursive: true });
  const partial = `${path}.partial`;
  await writeFile(partial, data);
  await rename(partial, path);
  return path;
}
