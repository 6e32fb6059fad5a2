import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BOM, csvField, redactDeep, resourceRecords, toCsv, toJson } from '../../../src/export/format';
import { historyRowsForTest } from './rows';

/** A small RFC 4180 reader, to check that what we write reads back field for field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(f);
      f = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
      i++;
    } else f += c;
  }
  if (f || row.length) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

describe('export/format', () => {
  it('quotes fields per RFC 4180: comma, quote, CR and LF; others as they are', () => {
    assert.strictEqual(csvField('plain'), 'plain');
    assert.strictEqual(csvField('a,b'), '"a,b"');
    assert.strictEqual(csvField('say "hi"'), '"say ""hi"""');
    assert.strictEqual(csvField('line1\nline2'), '"line1\nline2"');
    assert.strictEqual(csvField('cr\rhere'), '"cr\rhere"');
    assert.strictEqual(csvField(undefined), '');
    assert.strictEqual(csvField(null), '');
    assert.strictEqual(csvField(42), '42');
    assert.strictEqual(csvField(false), 'false');
    assert.strictEqual(csvField('中文名称'), '中文名称');
  });

  it('nested values become JSON text (quoted), numbers keep their sign, formulas are neutralized', () => {
    assert.strictEqual(csvField({ a: 1, b: [1, 2] }), '"{""a"":1,""b"":[1,2]}"');
    assert.strictEqual(csvField([]), '[]');
    assert.strictEqual(csvField('-12.5'), '-12.5');
    assert.strictEqual(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.strictEqual(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.strictEqual(csvField('+cmd'), "'+cmd");
  });

  it('writes a BOM, CRLF lines, the union of top-level fields, and reads back', () => {
    const rows = [
      { InstanceId: 'i-1', InstanceName: 'web, "prod"', Tags: [{ Key: 'env', Value: '生产' }] },
      { InstanceId: 'i-2', Status: 'RUNNING', EipAddress: { IpAddress: '1.2.3.4' }, Description: 'two\nlines' },
    ];
    const text = toCsv(rows);
    assert.ok(text.startsWith(BOM));
    assert.ok(text.endsWith('\r\n'));
    const back = parseCsv(text.slice(1));
    assert.deepStrictEqual(back[0], ['InstanceId', 'InstanceName', 'Tags', 'Status', 'EipAddress', 'Description']);
    assert.deepStrictEqual(back[1], ['i-1', 'web, "prod"', '[{"Key":"env","Value":"生产"}]', '', '', '']);
    assert.deepStrictEqual(back[2], ['i-2', '', '', 'RUNNING', '{"IpAddress":"1.2.3.4"}', 'two\nlines']);
    assert.strictEqual(back.length, 3);
    // Columns given first, then the rest.
    assert.deepStrictEqual(parseCsv(toCsv(rows, ['Status']).slice(1))[0].slice(0, 2), ['Status', 'InstanceId']);
  });

  it('resource records keep every API field as returned, with where they live; JSON round-trips', () => {
    const fixture = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/volcengine/describe-instances.json'), 'utf8'),
    );
    const body = typeof fixture.body === 'string' ? JSON.parse(fixture.body) : fixture.body;
    const instances = (body.Result?.Instances ?? []) as Record<string, unknown>[];
    assert.ok(instances.length > 0);
    const recs = resourceRecords(
      instances.map((d) => ({ provider: 'volcengine', accountId: 'p1', region: 'cn-beijing', kind: 'instance', data: d })),
    );
    for (let i = 0; i < instances.length; i++) {
      for (const [k, v] of Object.entries(instances[i])) assert.deepStrictEqual(recs[i][k], v, k);
      assert.strictEqual(recs[i].region, 'cn-beijing');
    }
    assert.deepStrictEqual(JSON.parse(toJson(recs)), recs);
  });

  it('resource records name the account and its masked AccessKey ID; the internal ID only when the account is gone', () => {
    const refs = [
      { provider: 'volcengine', accountId: 'volcengine-abc', region: 'cn-beijing', kind: 'instance', data: { InstanceId: 'i-1' } },
      { provider: 'volcengine', accountId: 'gone', region: 'cn-beijing', kind: 'instance', data: { InstanceId: 'i-2' } },
    ];
    const recs = resourceRecords(refs, (id) => (id === 'volcengine-abc' ? { name: 'prod', maskedKeyId: 'AKLT…XYZ' } : undefined));
    assert.deepStrictEqual(
      recs.map((r) => [r.account, 'accessKeyId' in r ? r.accessKeyId : '(none)']),
      [
        ['prod', 'AKLT…XYZ'],
        ['gone', '(none)'],
      ],
    );
    assert.ok(!toCsv(recs).includes('volcengine-abc'));
  });

  it('redacts secrets in exported strings and values of secret-looking keys', () => {
    const out = redactDeep({
      UserData: 'x',
      Password: 'hunter2-long',
      Note: 'Signature=abcdef0123456789abcdef',
      Tags: [{ Key: 'k', Value: 'v' }],
    }) as Record<string, unknown>;
    assert.strictEqual(out.Password, '[REDACTED]');
    assert.ok(!String(out.Note).includes('abcdef0123456789abcdef'));
    assert.deepStrictEqual(out.Tags, [{ Key: 'k', Value: 'v' }]);
  });

  it('history CSV has one row per resource with its outcome, IDs and final state', () => {
    const text = toCsv(historyRowsForTest());
    const back = parseCsv(text.slice(1));
    const head = back[0];
    const col = (r: string[], name: string) => r[head.indexOf(name)];
    assert.strictEqual(back.length, 3);
    assert.strictEqual(col(back[1], 'resourceId'), 'i-1');
    assert.strictEqual(col(back[1], 'finalState'), 'gone');
    assert.strictEqual(col(back[2], 'outcome'), 'failed');
    assert.strictEqual(col(back[2], 'clientToken'), 'tok-1');
    assert.strictEqual(col(back[1], 'accessKeyId'), 'AKLT…XYZ');
  });
});
