// Bundles the extension into dist/extension.js (CommonJS, `vscode` external).
const esbuild = require('esbuild');
const path = require('node:path');

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

// Parts of undici the transport never reaches, replaced by a stub that throws if ever used:
// - the SIMD HTTP parser: undici tries it first and falls back to the plain one (each is ~72 KB of WebAssembly);
// - the HTTP/2 client: pools are created without allowH2;
// - the fetch body helpers: only used for FormData request bodies, and requests send strings.
const unusedUndici = /undici[\\/]lib[\\/](llhttp[\\/]llhttp_simd-wasm|dispatcher[\\/]client-h2|web[\\/]fetch[\\/]body)\.js$/;
const dropUnusedUndici = {
  name: 'drop-unused-undici',
  setup(build) {
    build.onResolve({ filter: /(llhttp_simd-wasm|client-h2|fetch[\\/]body)\.js$/ }, (args) => {
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

async function main() {
  const result = await esbuild.build({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: true,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    plugins: [dropUnusedUndici],
    logLevel: 'warning',
  });
  const bytes = result.metafile.outputs["dist/extension.js"].bytes;
  if (process.argv.includes('--report')) console.log(`bundle: dist/extension.js ${bytes} bytes`);
}

module.exports = { dropUnusedUndici };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
