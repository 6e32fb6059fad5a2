/**
 * `npm run bench`: measures the product and prints one table (median, min, max of several runs; ratios
 * taken pair by pair). Timings are printed, never asserted.
 *
 *   npm run bench -- [--only sign,list,delete,tree,goto,redact,size,host,network] [--runs N] [--quick] [--this-node]
 *   (test/harness/bench.js builds and runs this file on Node 24, the extension host's runtime)
 */
import * as os from 'node:os';
import { cpuDescription } from './network';
import { printTable, Row } from './stats';

type Section = 'sign' | 'list' | 'delete' | 'tree' | 'goto' | 'redact' | 'size' | 'host' | 'network';
const ALL: Section[] = ['sign', 'list', 'delete', 'tree', 'goto', 'redact', 'size', 'host', 'network'];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function failedRow(what: string, e: unknown): Row {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  return { what, ours: 'n/a', comparedWith: '', baseline: '', ratio: '', target: '', verdict: 'missing', notes: [`not measured: ${msg}`] };
}

async function main(): Promise<void> {
  const only = (arg('--only')?.split(',') as Section[] | undefined) ?? ALL;
  const quick = process.argv.includes('--quick');
  const runs = Math.max(5, Number(arg('--runs') ?? 5));
  const rows: Row[] = [];
  const started = new Date();
  const cpus = os.cpus();
  const header = [
    `ECS Explorer bench — ${started.toISOString()}`,
    `machine: ${cpus[0]?.model ?? 'unknown cpu'}, ${cpus.length} cores (os.availableParallelism ${os.availableParallelism?.() ?? '?'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load avg ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join('/')}`,
    `node ${process.version} (${process.platform} ${process.arch}), runs per row: ${runs}${quick ? ' (quick)' : ''}`,
    cpuDescription(),
  ];
  console.log(header.join('\n') + '\n');

  const sections: [Section, string, () => Promise<Row[]>][] = [
    ['sign', 'signing', async () => (await import('./sign')).signRows(runs, quick ? 5000 : 20000)],
    ['list', 'list everything', async () => (await import('./list')).listRows(runs, quick)],
    ['delete', 'delete 2,000', async () => (await import('./delete')).deleteRows(runs)],
    ['tree', 'tree items', async () => (await import('./tree')).treeRows(runs)],
    ['goto', 'Go to Resource items', async () => (await import('./goto')).gotoRows(runs)],
    ['redact', 'redaction', async () => (await import('./redact')).redactRows(runs)],
    ['size', 'bundle / VSIX', async () => (await import('./size')).sizeRows()],
    ['host', 'extension host', async () => (await import('./host')).hostRows(runs)],
    [
      'network',
      'under network delay and rate limits',
      async () => (await import('./network')).networkRows({ runs: quick ? 1 : Math.max(3, Math.ceil(runs / 2)), delays: [50, 150], quick }),
    ],
  ];
  for (const [key, label, fn] of sections) {
    if (!only.includes(key)) continue;
    process.stderr.write(`bench: ${label}…\n`);
    try {
      const r = await fn();
      rows.push(...r);
      for (const row of r) process.stderr.write(`  ${row.what}: ${row.ours} / ${row.baseline} → ${row.ratio} [${row.verdict}]\n`);
    } catch (e) {
      process.stderr.write(`  failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      rows.push(failedRow(label, e));
    }
  }
  console.log(header.join('\n') + '\n');
  console.log(printTable(rows));
  const missed = rows.filter((r) => r.verdict === 'MISSED' || r.verdict === 'missing').map((r) => r.what);
  console.log(`\n${rows.length} rows; ${missed.length ? `missed or not measured: ${missed.join('; ')}` : 'all targets met'}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
