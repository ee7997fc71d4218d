import { request } from 'node:http';

/** What the server answered, read whole. */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * One request with exactly these headers and body bytes, nothing added by a
 * client library (no charset, no encoding, no header checks): what a hostile
 * client can send. A server that answers before the body is sent (413 on a
 * declared length) may close the socket under the writer; the answer counts,
 * the write error does not.
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port, method, path, headers },
      res => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', error => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}
