/**
 * Fast serialization of large resource lists. Each resource's JSON is cached as UTF-8 bytes while its
 * fingerprint (fields that change through the API) is unchanged, and each page's list bytes are reused while
 * the page holds the same resources with the same bytes: a page is written as its envelope (new RequestId
 * each time) around bytes built once, with no JSON.stringify or UTF-8 encoding of the items per request.
 */
const itemBytes = new WeakMap<object, { fp: string; bytes: Buffer }>();
/** By a page's first resource: the item bytes it was built from and the list bytes built. */
const pageBytes = new WeakMap<object, { parts: Buffer[]; bytes: Buffer }>();
const EMPTY = Buffer.from('[]');

export class RawList<T extends object> {
  constructor(
    readonly items: T[],
    readonly fingerprint: (t: T) => string,
  ) {}
  /** Plain JSON.stringify (and clones) see an ordinary array. */
  toJSON(): T[] {
    return this.items;
  }
}

function cachedBytes<T extends object>(o: T, fp: string): Buffer {
  const hit = itemBytes.get(o);
  if (hit && hit.fp === fp) return hit.bytes;
  const bytes = Buffer.from(JSON.stringify(o));
  itemBytes.set(o, { fp, bytes });
  return bytes;
}

function listBytes(l: RawList<object>): Buffer {
  const items = l.items;
  if (items.length === 0) return EMPTY;
  const parts = items.map((i) => cachedBytes(i, l.fingerprint(i)));
  const last = pageBytes.get(items[0]);
  if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.bytes;
  let size = parts.length + 1;
  for (const p of parts) size += p.length;
  const bytes = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const p of parts) {
    bytes[at] = at === 0 ? 0x5b /* [ */ : 0x2c; /* , */
    bytes.set(p, at + 1);
    at += p.length + 1;
  }
  bytes[at] = 0x5d; // ]
  pageBytes.set(items[0], { parts, bytes });
  return bytes;
}

/** The response body as UTF-8 JSON, in chunks to be written in order. */
export function serialize(body: unknown): Buffer[] {
  const lists: RawList<object>[] = [];
  const text = JSON.stringify(body, function (this: Record<string, unknown>, k: string, v: unknown) {
    const orig = this[k];
    if (orig instanceof RawList) {
      lists.push(orig as RawList<object>);
      return `\u0000R${lists.length - 1}\u0000`;
    }
    return v;
  });
  if (lists.length === 0) return [Buffer.from(text)];
  const chunks: Buffer[] = [];
  const placeholder = /"\\u0000R(\d+)\\u0000"/g;
  let from = 0;
  for (let m = placeholder.exec(text); m; m = placeholder.exec(text)) {
    chunks.push(Buffer.from(text.slice(from, m.index)), listBytes(lists[Number(m[1])]));
    from = placeholder.lastIndex;
  }
  chunks.push(Buffer.from(text.slice(from)));
  return chunks;
}
