// Bundles the extension into dist/extension.js (CommonJS, `vscode` external).
const esbuild = require('esbuild');

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

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
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes || 0), 0);
  if (process.argv.includes('--report')) console.log(`bundle: dist/extension.js ${bytes} bytes`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
