/** CLI: npm run emulator -- [--volcengine-port N] [--aliyun-port N] [--seed demo|large|empty] ... */
import { parseFaultArg, type FaultSpec } from './faults';
import { parseRateLimitArg, type RateLimitSpec } from './network';
import { DEMO_ACCOUNTS, startEmulator, type AccountSpec, type LargeOptions, type SeedName } from './index';

const USAGE = `usage: emulator [--volcengine-port N] [--aliyun-port N] [--seed demo|large|empty]
  [--large-volcengine-regions N] [--large-instances N] [--large-reservations N] [--large-aliyun-regions N] [--large-coupons N]
  [--access-key-id ID --access-key-secret SECRET [--security-token T] [--provider volcengine|aliyun]]
  [--fault action:kind[:probability]]... [--fault-seed N] [--transition-delay-ms N]
  [--delay-ms N] [--rate-limit N[/burst]] [--rate-limit-retry-after]`;

function die(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

function parse(argv: string[]) {
  let volcenginePort = 0,
    aliyunPort = 0,
    seed: SeedName = 'demo',
    faultSeed = 1,
    transitionDelayMs: number | undefined;
  const large: LargeOptions = {};
  const faults: FaultSpec[] = [];
  let delayMs: number | undefined,
    rateLimit: RateLimitSpec | undefined,
    retryAfter = false;
  let ak: string | undefined, sk: string | undefined, token: string | undefined, provider: 'volcengine' | 'aliyun' | undefined;
  const num = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) die(`${name} needs a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i],
      v = argv[i + 1];
    const take = () => {
      i++;
      return v;
    };
    switch (a) {
      case '--volcengine-port':
        volcenginePort = num(take(), a);
        break;
      case '--aliyun-port':
        aliyunPort = num(take(), a);
        break;
      case '--seed': {
        const s = take();
        if (s !== 'demo' && s !== 'large' && s !== 'empty') die('--seed must be demo, large or empty');
        seed = s;
        break;
      }
      case '--large-volcengine-regions':
        large.volcengineRegions = num(take(), a);
        break;
      case '--large-instances':
        large.instancesPerRegion = num(take(), a);
        break;
      case '--large-reservations':
        large.reservationsPerRegion = num(take(), a);
        break;
      case '--large-aliyun-regions':
        large.aliyunRegions = num(take(), a);
        break;
      case '--large-coupons':
        large.reservedInstancesPerRegion = num(take(), a);
        break;
      case '--access-key-id':
        ak = take();
        break;
      case '--access-key-secret':
        sk = take();
        break;
      case '--security-token':
        token = take();
        break;
      case '--provider': {
        const p = take();
        if (p !== 'volcengine' && p !== 'aliyun') die('--provider must be volcengine or aliyun');
        provider = p;
        break;
      }
      case '--fault':
        try {
          faults.push(parseFaultArg(take() ?? ''));
        } catch (e) {
          die((e as Error).message);
        }
        break;
      case '--fault-seed':
        faultSeed = num(take(), a);
        break;
      case '--transition-delay-ms':
        transitionDelayMs = num(take(), a);
        break;
      case '--delay-ms':
        delayMs = num(take(), a);
        break;
      case '--rate-limit':
        try {
          rateLimit = parseRateLimitArg(take() ?? '');
        } catch (e) {
          die((e as Error).message);
        }
        break;
      case '--rate-limit-retry-after':
        retryAfter = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
        break;
      default:
        die(`unknown argument ${a}`);
    }
  }
  let accounts: AccountSpec[] | undefined;
  if (ak !== undefined || sk !== undefined) {
    if (!ak || !sk) die('--access-key-id and --access-key-secret go together');
    // Without --provider the key is added for both providers (a custom key pair replaces that provider's demo pair).
    const providers = provider ? [provider] : (['volcengine', 'aliyun'] as const);
    accounts = DEMO_ACCOUNTS.filter((d) => !providers.includes(d.provider));
    for (const p of providers) accounts.push({ provider: p, accessKeyId: ak, accessKeySecret: sk, securityToken: token });
  }
  if (retryAfter && !rateLimit) die('--rate-limit-retry-after needs --rate-limit');
  if (rateLimit && retryAfter) rateLimit.retryAfterHeader = true;
  return { volcenginePort, aliyunPort, seed, large, faults, faultSeed, transitionDelayMs, accounts, delayMs, rateLimit };
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const emu = await startEmulator({
    volcenginePort: o.volcenginePort,
    aliyunPort: o.aliyunPort,
    seed: o.seed,
    large: o.large,
    faultSeed: o.faultSeed,
    transitionDelayMs: o.transitionDelayMs,
    accounts: o.accounts,
    delayMs: o.delayMs,
    rateLimit: o.rateLimit,
  });
  for (const f of o.faults) emu.faults.add(f);
  process.stdout.write(`ready volcengine=${emu.volcengineUrl} aliyun=${emu.aliyunUrl}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emu.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
