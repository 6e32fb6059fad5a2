/** The `Key=Value` parts of an `Authorization: <scheme> K=V, K=V, …` header, or undefined for another scheme. */
export function authorizationParts(header: string, scheme: string): Record<string, string> | undefined {
  const h = header.trim();
  if (!h.startsWith(scheme) || !/\s/.test(h.charAt(scheme.length))) return undefined;
  const parts: Record<string, string> = {};
  for (const p of h.slice(scheme.length + 1).split(',')) {
    const eq = p.indexOf('=');
    if (eq > 0) parts[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return parts;
}
