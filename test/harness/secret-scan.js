#!/usr/bin/env node
// The last stage of `npm test`: after every other stage, no secret the tests used and no request signature
// may appear in test-artifacts/ (screenshots, code-server and extension-host logs, output channels, the
// stages' own output) or in the VS Code and browser profiles the stages kept (settings, state, logs).
//
// Needles: every secret literal in the test sources (AccessKey secrets, STS tokens, the demo credentials),
// searched as Latin-1 and UTF-16LE text so binary stores (LevelDB, SQLite) are covered too. Patterns:
// unredacted signatures (Volcengine / Alibaba V3 `Signature=<hex>`, Alibaba V1 `Signature=<base64>`).
// A finding names the file and the needle's first characters only, never the value.
// Installed extensions inside the kept profiles are packages, not state: the files our VSIX ships are scanned
// from the repo instead (dist/, l10n/, package*.json), except README.md, which documents the emulator's demo keys.
//
// Usage: node test/harness/secret-scan.js [dir...]   (default: test-artifacts/ and $ECS_EXPLORER_KEEP_STATE)
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

/** Quoted values after a secret-looking key (accessKeySecret, securityToken, *_SECRET*, *_TOKEN*). */
const SECRET_LITERAL =
  /(?:accessKeySecret|securityToken|AccessKeySecret|SecurityToken|[A-Z][A-Z_]*(?:SECRET|TOKEN)[A-Z_]*)['"]?\s*[:=]\s*(['"`])([^'"`$\s]{8,})\1/g;
const MIN_NEEDLE = 8;

const SIGNATURE_PATTERNS = [
  { name: 'hex signature (Volcengine / Alibaba V3)', re: /Signature=[0-9a-fA-F]{64}/ },
  { name: 'Alibaba V1 signature', re: /[?&]Signature=(?!\[REDACTED\])[A-Za-z0-9%+/]{20,}/ },
];

/** Files under `p` (or `p` itself), skipping directories named in `skipDirs`. */
function walk(p, out = [], skipDirs = new Set()) {
  let entries;
  try {
    if (fs.statSync(p).isFile()) return (out.push(p), out);
    entries = fs.readdirSync(p, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const q = path.join(p, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.has(e.name)) walk(q, out, skipDirs);
    } else if (e.isFile()) out.push(q);
  }
  return out;
}

/** What the VSIX ships besides README/CHANGELOG (.vscodeignore). */
function shippedFiles(root = lib.ROOT) {
  return ['dist', 'l10n', 'media', 'package.json', ...fs.readdirSync(root).filter((f) => /^package\.nls(\..+)?\.json$/.test(f))].map((f) =>
    path.join(root, f),
  );
}

/** Secret values written in the test sources (and the demo credentials of the harness). */
function collectNeedles(root = lib.ROOT) {
  const found = new Set();
  for (const [k, v] of Object.entries(lib.DEMO_CREDENTIALS)) if (lib.isSecretEnvKey(k)) found.add(v);
  for (const f of walk(path.join(root, 'test'))) {
    if (!/\.(ts|js)$/.test(f)) continue;
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(SECRET_LITERAL)) found.add(m[2]);
  }
  return [...found].filter((s) => s.length >= MIN_NEEDLE).sort();
}

/**
 * Findings in the files under `dirs`: { file, what } with `what` naming the needle by its first four
 * characters or the signature pattern. Files over maxBytes are read in part (their first maxBytes).
 */
function scan(dirs, needles, { maxBytes = 64 * 2 ** 20, skipDirs = [] } = {}) {
  const forms = needles.map((n) => ({ hint: `${n.slice(0, 4)}…`, latin1: Buffer.from(n, 'latin1'), utf16: Buffer.from(n, 'utf16le') }));
  const findings = [];
  let files = 0;
  let bytes = 0;
  for (const dir of dirs) {
    for (const f of walk(dir, [], new Set(skipDirs))) {
      let buf;
      try {
        const fd = fs.openSync(f, 'r');
        try {
          const size = Math.min(fs.fstatSync(fd).size, maxBytes);
          buf = Buffer.alloc(size);
          fs.readSync(fd, buf, 0, size, 0);
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        continue; // removed while scanning
      }
      files++;
      bytes += buf.length;
      for (const n of forms) {
        if (buf.includes(n.latin1) || buf.includes(n.utf16)) findings.push({ file: f, what: `secret ${n.hint}` });
      }
      const text = buf.toString('latin1');
      for (const p of SIGNATURE_PATTERNS) if (p.re.test(text)) findings.push({ file: f, what: p.name });
    }
  }
  return { findings, files, bytes };
}

function main() {
  const args = process.argv.slice(2);
  const kept = process.env.ECS_EXPLORER_KEEP_STATE;
  const dirs = args.length ? args.map((a) => path.resolve(a)) : [lib.ARTIFACTS, ...(kept ? [kept] : []), ...shippedFiles()];
  const needles = collectNeedles();
  const { findings, files, bytes } = scan(dirs, needles, { skipDirs: ['extensions'] });
  const show = (p) => (p.startsWith(lib.ROOT + path.sep) ? path.relative(lib.ROOT, p) : p);
  const where = args.length ? dirs.map(show).join(', ') : `test-artifacts/, ${kept ? 'the kept profiles, ' : ''}the shipped files`;
  console.log(
    `[secrets] ${needles.length} secret values and ${SIGNATURE_PATTERNS.length} signature patterns over ${files} files (${(bytes / 2 ** 20).toFixed(1)} MB) in ${where}`,
  );
  for (const f of findings) console.log(`[secrets] FOUND ${f.what} in ${show(f.file)}`);
  if (files === 0) {
    console.log('[secrets] nothing to scan: run the other stages first');
    return 1;
  }
  console.log(findings.length ? `[secrets] ${findings.length} finding(s)` : '[secrets] clean');
  return findings.length ? 1 : 0;
}

module.exports = { collectNeedles, scan, shippedFiles, SIGNATURE_PATTERNS };

if (require.main === module) process.exit(main());
