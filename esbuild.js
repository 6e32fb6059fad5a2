// Bundles the extension (CommonJS, `vscode` external) into three files:
// - dist/extension.js: the entry VS Code loads at activation; registers the view and command stand-ins only;
// - dist/extensionMain.js: everything else (tree, commands, cloud library) but undici, required on first use;
// - dist/undici.js: undici, required by the transport for the first request (or in the background after start).
// Activation then loads a few KB instead of the whole bundle, and the view's first rows do not wait for undici.
const esbuild = require('esbuild');
const path = require('node:path');

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

// The transport imports undici's public root (`import { Pool } from 'undici'`), which loads all of undici: fetch,
// WebSocket, caches and mocks come along (CommonJS, so esbuild cannot drop them). Two parts that are never run are
// replaced by a stub that throws if ever used (if undici moves them, they are simply bundled as they are):
// - the SIMD HTTP parser: undici tries it first and falls back to the plain one (each is ~72 KB of WebAssembly);
// - the HTTP/2 client: loaded by the client module, used only by pools created with allowH2, which ours never are.
const unusedUndici = /undici[\\/]lib[\\/](llhttp[\\/]llhttp_simd-wasm|dispatcher[\\/]client-h2)\.js$/;
const dropUnusedUndici = {
  name: 'drop-unused-undici',
  setup(build) {
    build.onResolve({ filter: /(llhttp_simd-wasm|client-h2)\.js$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      if (!unusedUndici.test(resolved)) return undefined;
      return { path: resolved, namespace: 'unused-undici' };
    });
    build.onLoad({ filter: /.*/, namespace: 'unused-undici' }, (args) => ({
      // Loading must succeed (client.js requires client-h2 at load time); any use throws.
      contents: `const fail = () => { throw new Error(${JSON.stringify('not bundled: ' + args.path.split(/[\\/]/).slice(-2).join('/'))}); };
module.exports = new Proxy(fail, { get: (t, k) => (k === '__esModule' ? false : fail) });`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

// The main bundle reaches undici through require('./undici') (dist/undici.js, its own bundle): the transport requires
// it when the first request is made, so loading the main bundle does not compile and run its ~450 KB.
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici', external: true }));
  },
};

/** The bundles; extension.js reaches extensionMain.js, and that undici.js, only through require() at run time. */
const bundles = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './extensionMain'] },
  { ...common, entryPoints: ['src/extensionMain.ts'], outfile: 'dist/extensionMain.js', external: ['vscode'], plugins: [undiciApart] },
  { ...common, entryPoints: [require.resolve('undici')], outfile: 'dist/undici.js', plugins: [dropUnusedUndici] },
];

async function main() {
  const results = await Promise.all(bundles.map((b) => esbuild.build(b)));
  if (process.argv.includes('--report')) {
    for (const r of results)
      for (const [f, o] of Object.entries(r.metafile.outputs)) if (f.endsWith('.js')) console.log(`bundle: ${f} ${o.bytes} bytes`);
  }
}

module.exports = { dropUnusedUndici, bundles };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
