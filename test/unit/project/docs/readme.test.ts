/** The users' README, the developer docs and the Marketplace metadata hold together. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const DOCS = [
  'README.md',
  'README.zh-CN.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Relative link targets of a Markdown file (images and links), without anchors. */
function relativeLinks(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1].split('#')[0];
    if (target && !/^[a-z]+:/i.test(target)) out.push(target);
  }
  return out;
}

describe('docs: README, CONTRIBUTING, docs/ and packaging metadata', () => {
  it('every relative link and image resolves to a file in the repository', () => {
    const broken: string[] = [];
    for (const f of DOCS) {
      for (const l of relativeLinks(read(f))) if (!existsSync(join(ROOT, dirname(f), l))) broken.push(`${f}: ${l}`);
    }
    assert.deepEqual(broken, []);
  });

  it('both READMEs show the four screenshots of their language, and link each other', () => {
    for (const [f, locale, other] of [
      ['README.md', 'en', 'README.zh-CN.md'],
      ['README.zh-CN.md', 'zh-cn', 'README.md'],
    ]) {
      const links = relativeLinks(read(f));
      for (const shot of ['tree', 'delete-confirm', 'delete-output', 'split-preview']) {
        assert.ok(links.includes(`media/screenshots/${shot}.${locale}.png`), `${f}: ${shot}`);
      }
      assert.ok(links.includes(other), `${f} links ${other}`);
    }
  });

  it('README.md keeps the developer quick start: npm start, npm test and a link to CONTRIBUTING.md', () => {
    const dev =
      read('README.md')
        .split(/^## Development$/m)[1]
        ?.split(/^## /m)[0] ?? '';
    assert.match(dev, /^npm start\b/m);
    assert.match(dev, /^npm test\b/m);
    assert.match(dev, /\(CONTRIBUTING\.md\)/);
  });

  it('the README settings table lists every contributed setting', () => {
    const pkg = JSON.parse(read('package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    for (const f of ['README.md', 'README.zh-CN.md']) {
      const text = read(f);
      for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(text.includes(`| \`${key}\``), `${f}: ${key}`);
    }
  });

  it('package.json: a 128×128 PNG icon, repository, bugs, homepage, gallery banner; an MIT LICENSE', () => {
    const pkg = JSON.parse(read('package.json')) as {
      icon: string;
      repository: { url: string };
      bugs: { url: string };
      homepage: string;
      galleryBanner: { color: string };
      license: string;
    };
    const png = readFileSync(join(ROOT, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(pkg.repository.url, /^https:\/\/github\.com\//);
    assert.match(pkg.bugs.url, /^https:\/\//);
    assert.match(pkg.homepage, /^https:\/\//);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.equal(pkg.license, 'MIT');
    assert.match(read('LICENSE'), /^MIT License\n\nCopyright \(c\) \d{4} ECS Explorer contributors\n/);
  });

  it('.vscodeignore keeps the screenshots out of the VSIX and ships the icon and the LICENSE', () => {
    // vsce: a file is shipped when no pattern ignores it, or when any "!" pattern matches it (in any order).
    const lines = read('.vscodeignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const glob = (g: string) =>
      new RegExp(
        `^${g
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*\*/g, '\0')
          .replace(/\*/g, '[^/]*')
          .replace(/\0/g, '.*')}$`,
      );
    const shipped = (f: string) => lines.filter((l) => l.startsWith('!')).some((l) => glob(l.slice(1)).test(f));
    assert.ok(lines.includes('**'), 'everything is ignored unless listed');
    assert.ok(!shipped('media/screenshots/tree.en.png'));
    for (const f of ['media/icon.png', 'media/ecs-explorer.svg', 'media/walkthrough/add-account.md', 'LICENSE', 'README.md'])
      assert.ok(shipped(f), f);
  });
});
