/** How {@link createErrandClient} reaches the API. */
export interface ErrandClientOptions {
  /**
   * The API's root URL, e.g. `https://errand.internal` or
   * `http://127.0.0.1:8000`; a path prefix such as `/errand` is kept.
   */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer <apiKey>` on every request, never in the
   * URL. @defaultValue no `Authorization` header
   */
  apiKey?: string;
  /**
   * The `fetch` to send requests with, e.g. one with a proxy agent.
   * @defaultValue the global `fetch`
   */
  fetch?: typeof globalThis.fetch;
  /**
   * How long one call may take, answer body included, before it fails with
   * `client.timeout`. @defaultValue 10 000 ms
   */
  timeoutMs?: number;
  /**
   * Check each enqueue request against the contracts before sending it, and
   * fail at once with the same code and issues the API would answer. Turn it
   * off to leave the API the only judge, e.g. when the client may be built
   * against older contracts than the API runs. @defaultValue `true`
   */
  validateLocally?: boolean;
}
