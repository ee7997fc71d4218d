/**
 * Reads a `Retry-After` header (RFC 9110: delay in seconds, or an HTTP
 * date) as milliseconds from `now`; undefined when absent or unreadable.
 */
export function retryAfterMs(
  header: string | string[] | undefined,
  now = Date.now(),
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1_000;
  // HTTP dates always name a month; V8's Date.parse would also take "-5".
  const date = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
