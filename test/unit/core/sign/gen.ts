/** fast-check arbitraries shared by the signer property tests. */
import fc from 'fast-check';
import type { Params } from '../../../../src/core/types';

const SPECIAL = [' ', '*', '~', '!', "'", '(', ')', '+', '&', '=', '%', '/', '?', '#', ':', ';', ',', '@', '$', '"', '\t', '.', '-', '_'];

/** One character: ASCII letters/digits, the characters RFC 3986 treats specially, Chinese, any code point. */
export const char: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abcXYZ019') },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

export const text = (maxLength = 12): fc.Arbitrary<string> => fc.string({ unit: char, maxLength });

const COMMON = new Set([
  'AccessKeyId',
  'Action',
  'Format',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
  'SecurityToken',
  'Signature',
]);

/** A parameter name: starts with a letter (never integer-like), may hold dots, specials and Unicode. */
export const key: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'), text(10))
  .map(([a, b]) => a + b)
  .filter((k) => !COMMON.has(k));

/** A request object before flattening: scalars, a list of 10-15 items, a short list, a list of objects. */
export const requestObject = fc.record({
  scalars: fc.dictionary(key, fc.oneof(text(), fc.integer().map(String)), { maxKeys: 6 }),
  longList: fc.tuple(fc.constantFrom('InstanceIds', 'ReservedInstanceId', 'Ids'), fc.array(text(8), { minLength: 10, maxLength: 15 })),
  shortList: fc.tuple(fc.constantFrom('Tag', 'ZoneIds', 'Names'), fc.array(text(8), { maxLength: 4 })),
  configs: fc.array(
    fc.record(
      {
        InstanceType: fc.constantFrom('ecs.g5.large', 'ecs.c6.xlarge', 'ecs.g7.2xlarge'),
        InstanceAmount: fc.integer({ min: 1, max: 100 }),
        Scope: fc.constantFrom('Region', 'Zone'),
        ZoneId: fc.constantFrom('cn-hangzhou-h', 'cn-beijing-a'),
        ReservedInstanceName: text(10),
      },
      { requiredKeys: ['InstanceType', 'InstanceAmount'] },
    ),
    { maxLength: 3 },
  ),
});

export type RequestObject = typeof requestObject extends fc.Arbitrary<infer T> ? T : never;

/** The request object in the shape `flattenParams` takes. */
export function toNested(r: RequestObject): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r.scalars };
  out[r.longList[0]] = r.longList[1];
  if (r.shortList[1].length > 0) {
    out[r.shortList[0]] = r.shortList[1];
  }
  if (r.configs.length > 0) {
    out.Configuration = r.configs.map((c) => ({ ...c }));
  }
  return out;
}

/** Flattened parameters as an SDK caller would spell them. */
export function flat(r: RequestObject): Params {
  const out: Params = { ...r.scalars };
  r.longList[1].forEach((v, i) => (out[`${r.longList[0]}.${i + 1}`] = v));
  r.shortList[1].forEach((v, i) => (out[`${r.shortList[0]}.${i + 1}`] = v));
  r.configs.forEach((c, i) => {
    for (const [k, v] of Object.entries(c)) {
      out[`Configuration.${i + 1}.${k}`] = String(v);
    }
  });
  return out;
}

/** Access key IDs and secrets: printable ASCII; secrets also Unicode (used as UTF-8 bytes) and longer than 64 bytes. */
export const accessKeyId = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789'),
  minLength: 8,
  maxLength: 30,
});
export const secret = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 90 }),
  text(30).filter((s) => s.length > 0),
);
/** STS token or none. */
export const token = fc.option(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }).map((s) => 'STS.' + s),
  { nil: undefined },
);
/** A date between 2000 and 2099, whole milliseconds. */
export const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
