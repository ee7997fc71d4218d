/** One Server-Sent Event as a client reads it. */
interface SseEvent {
  event: string;
  data: unknown;
  /** Its `id:` field, which a reconnect sends back as `Last-Event-ID`. */
  id?: string;
}

/** An open `text/event-stream` answer and what it sent so far. */
export interface EventStream {
  status: number;
  headers: Headers;
  /** The answer's body when it is not a stream (a problem). */
  problem?: { code: string };
  events: SseEvent[];
  /** The `retry:` reconnection delays the server sent, in ms. */
  retries: number[];
  /** Resolves when the server ends the stream (or the test closes it). */
  ended: Promise<void>;
  /** Resolves once `count` events have arrived. */
  nth(count: number): Promise<SseEvent>;
  close(): void;
}

/** The fields of one SSE block, comments left out. */
function fieldsOf(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(': ');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 2));
  }
  return fields;
}

/**
 * Opens `url` as an EventSource would and parses what arrives, for specs
 * of `GET /jobs/:id/events` on a listening app. A non-200 answer is read
 * whole, into `problem`.
 */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const retries: number[] = [];
  const waiters: { count: number; resolve: (e: SseEvent) => void }[] = [];
  const problem =
    res.status === 200 ? undefined : ((await res.json()) as { code: string });
  const ended = (async () => {
    if (!res.body || problem) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const fields = fieldsOf(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          const retry = fields.get('retry');
          if (retry !== undefined) retries.push(Number(retry));
          if (!fields.has('data')) continue;
          events.push({
            event: fields.get('event') ?? 'message',
            data: JSON.parse(fields.get('data') ?? 'null'),
            ...(fields.has('id') && { id: fields.get('id') }),
          });
          for (const w of waiters.filter(w => events.length >= w.count)) {
            w.resolve(events[w.count - 1]);
          }
        }
      }
    } catch {
      // Closed by the test.
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    problem,
    events,
    retries,
    ended,
    nth: count =>
      events.length >= count
        ? Promise.resolve(events[count - 1])
        : new Promise(resolve => waiters.push({ count, resolve })),
    close: () => abort.abort(),
  };
}
