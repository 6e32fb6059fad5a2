/**
 * Runtime text lookup. In VS Code this is `vscode.l10n.t` (English text is the key, the zh-cn bundle
 * holds the translation); pure modules take it as a parameter so they run under plain Node.
 */
import type { Bilingual, Locale, Provider } from '../core/types';

export type Translate = (message: string, ...args: Array<string | number>) => string;

/** `{0}`-style substitution, as `vscode.l10n.t` does. */
export function format(message: string, args: ReadonlyArray<string | number>): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** The English texts, unchanged. */
export const englishT: Translate = (message, ...args) => format(message, args);

/** A translator over a bundle (`l10n/bundle.l10n.zh-cn.json`); missing keys fall back to English. */
export function bundleT(bundle: Readonly<Record<string, string>>): Translate {
  return (message, ...args) => format(bundle[message] ?? message, args);
}

/** The cloud's name shown to the user (the only place it is spelled). */
export function providerLabel(p: Provider, t: Translate): string {
  return p === 'volcengine' ? t('Volcengine') : t('Alibaba Cloud');
}

/** VS Code display language → core locale (the only place it is decided). */
export function toLocale(language: string | undefined): Locale {
  return (language ?? '').toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** The text of a Bilingual in a locale. */
export function pick(text: Bilingual, locale: Locale): string {
  return locale === 'zh-cn' ? text.zh : text.en;
}
