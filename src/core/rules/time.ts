/** Times in API answers. */

/** Parses an API time; '' / missing / garbage → undefined. */
export function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** `2026-01-01T00:00:00Z`: the ISO form to the second, for messages. */
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
