import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonText } from '../../../bench/json-text';

/** What JSON.parse makes of a text: the value, or that it threw. */
function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The reference: the body decoded as UTF-8 (BOM dropped), as undici's text() does. */
function utf8(b: Buffer): string {
  const start = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  return b.subarray(start).toString('utf8');
}

/** ASCII around a body's bytes, so that its few non-ASCII bytes are below the density where escaping stops. */
const PAD = '"' + 'p'.repeat(4096) + '"';
function padded(inner: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`{"Pad":${PAD},"Body":`), Buffer.from(inner), Buffer.from('}')]);
}

function sameAsUtf8(b: Buffer): void {
  assert.deepEqual(parsed(jsonText(b)), parsed(utf8(b)), `bytes ${b.toString('hex').slice(0, 120)}`);
}

describe('jsonText (response bytes → text for JSON.parse)', () => {
  it('returns ASCII bodies unchanged, as Uint8Array or Buffer', () => {
    const s = '{"RequestId":"r-1","Items":[1,2.5,"a\\u4f4db"]}';
    assert.equal(jsonText(Buffer.from(s)), s);
    assert.equal(jsonText(new Uint8Array(Buffer.from(s))), s);
    assert.equal(jsonText(Buffer.alloc(0)), '');
  });

  it('writes non-ASCII characters as \\u escapes that JSON.parse reads back as the same characters', () => {
    const value = {
      OsName: 'CentOS 7.9 64位',
      Name: 'é-测试-😀',
      Zone: '华东1（杭州）',
      Mixed: 'a\u00a0b\u07ffc\u0800d\uffefe',
      Pad: 'p'.repeat(4096),
    };
    const b = Buffer.from(JSON.stringify(value));
    const text = jsonText(b);
    // eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
    assert.ok(/^[\x00-\x7f]*$/.test(text), 'only ASCII characters: V8 keeps it a one-byte string');
    assert.match(text, /64\\u4f4d/);
    assert.match(text, /\\ud83d\\ude00/, 'a 4-byte character becomes a surrogate pair');
    assert.deepEqual(JSON.parse(text), value);
  });

  it('drops a leading byte order mark, as undici text() does', () => {
    const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), padded('"位"')]);
    assert.deepEqual((JSON.parse(jsonText(b)) as { Body: string }).Body, '位');
    assert.equal(jsonText(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), '{}');
  });

  it('decodes bodies with invalid UTF-8 exactly as the UTF-8 decoder does (U+FFFD), not as escapes', () => {
    const cases = [
      [0x80], // lone continuation byte
      [0xc0, 0x80], // overlong
      [0xc1, 0xbf], // overlong
      [0xe0, 0x80, 0x80], // overlong 3-byte
      [0xed, 0xa0, 0x80], // UTF-16 surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf5, 0x80, 0x80, 0x80],
      [0xe4, 0xbd], // truncated 3-byte, then ASCII
      [0xe4, 0xbd, 0x8d, 0xbd], // valid character then a stray continuation byte
      [0xff],
    ];
    for (const bad of cases) {
      const b = padded(Buffer.concat([Buffer.from('{"a":"x'), Buffer.from(bad), Buffer.from('y","b":"位"}')]));
      assert.equal(jsonText(b), b.toString('utf8'), `bytes ${Buffer.from(bad).toString('hex')}`);
      sameAsUtf8(b);
    }
  });

  it('does not turn a broken string escape into a valid one ("\\位" stays invalid JSON)', () => {
    const broken = padded('{"a":"\\位"}');
    assert.throws(() => JSON.parse(jsonText(broken)), SyntaxError);
    sameAsUtf8(broken);
    const escapedBackslash = padded('{"a":"\\\\位","b":"\\\\\\\\位"}');
    assert.deepEqual((JSON.parse(jsonText(escapedBackslash)) as { Body: unknown }).Body, { a: '\\位', b: '\\\\位' });
    assert.match(jsonText(escapedBackslash), /"\\\\\\u4f4d"/, 'escaped: the run follows an escaped backslash');
    const odd = padded('{"a":"\\\\\\位"}');
    assert.throws(() => JSON.parse(jsonText(odd)), SyntaxError);
  });

  it('decodes bodies dense in non-ASCII text as UTF-8, with the same values', () => {
    for (const v of [{ a: 'a位'.repeat(5000) }, { a: '位'.repeat(5000) }, { a: '测试', b: 'x' }]) {
      const b = Buffer.from(JSON.stringify(v));
      assert.equal(jsonText(b), b.toString('utf8'));
    }
    const sparse = Buffer.from(JSON.stringify({ a: '位', b: 'x'.repeat(4096) }));
    assert.notEqual(jsonText(sparse), sparse.toString('utf8'), 'a sparse body is escaped');
  });

  it('agrees with JSON.parse of the UTF-8 text on generated JSON values (10,000 cases)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        tie('array'),
        tie('object'),
      ),
      array: fc.array(tie('value'), { maxLength: 5 }),
      object: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
    })).value;
    fc.assert(
      fc.property(json, fc.boolean(), (v, pad) => {
        const b = pad ? padded(JSON.stringify(v)) : Buffer.from(JSON.stringify(v));
        assert.deepEqual(JSON.parse(jsonText(b)), JSON.parse(b.toString('utf8')));
      }),
      { numRuns: 10_000 },
    );
  });

  it('agrees with the UTF-8 decoder on mutated bodies: same value, or both not JSON (10,000 cases)', () => {
    const base = Buffer.from(
      JSON.stringify({ RequestId: 'r', Instances: [{ OsName: 'CentOS 7.9 64位', Name: 'a\\b', Tags: ['😀', 'é'] }], Pad: 'p'.repeat(400) }),
    );
    const mutation = fc.array(
      fc.tuple(
        fc.nat({ max: base.length - 1 }),
        fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x5c, 0x22, 0x80, 0xbf, 0xc3, 0xe4, 0xed, 0xf0, 0xf4)),
      ),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(mutation, fc.boolean(), (edits, cut) => {
        const b = Buffer.from(base);
        for (const [at, byte] of edits) b[at] = byte;
        sameAsUtf8(cut ? b.subarray(0, edits[0][0]) : b);
      }),
      { numRuns: 10_000 },
    );
  });
});
