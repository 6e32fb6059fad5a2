/** AccessKey ID for display: `AKLTZGVtby1lY3MtZXhwbG9yZXI` → `AKLT…ZXI`. Short IDs show only the last 2 characters. */
export function maskKeyId(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return `…${s.slice(-2)}`;
  return `${s.slice(0, 4)}…${s.slice(-3)}`;
}
