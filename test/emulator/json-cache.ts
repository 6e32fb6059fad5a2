/**
 * Fast serialization of large resource lists: each resource's JSON is cached and reused while its
 * fingerprint (fields that change through the API) is unchanged.
 */
const cache = new WeakMap<object, { fp: string; json: string }>();

export class RawList<T extends object> {
  constructor(readonly items: T[], readonly fingerprint: (t: T) => string) {}
  /** Plain JSON.stringify (and clones) see an ordinary array. */
  toJSON(): T[] { return this.items; }
}

function cachedJson<T extends object>(o: T, fp: string): string {
  const hit = cache.get(o);
  if (hit && hit.fp === fp) return hit.json;
  const json = JSON.stringify(o);
  cache.set(o, { fp, json });
  return json;
}

export function serialize(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, function (this: Record<string, unknown>, k: string, v: unknown) {
    const orig = this[k];
    if (orig instanceof RawList) {
      const l = orig as RawList<object>;
      raws.push('[' + l.items.map((i) => cachedJson(i, l.fingerprint(i))).join(',') + ']');
      return `\u0000R${raws.length - 1}\u0000`;
    }
    return v;
  });
  return raws.length ? text.replace(/"\\u0000R(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)]) : text;
}
