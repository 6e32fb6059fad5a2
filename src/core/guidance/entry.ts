/** Shape of one catalogue entry and a compact constructor for it. */

export interface GuidanceText {
  /** What happened, in one or two sentences. */
  readonly explain: string;
  /** The concrete next step. */
  readonly next: string;
}

export interface GuidanceEntry {
  readonly en: GuidanceText;
  readonly zh: GuidanceText;
}

/** g(en explain, en next, zh explain, zh next) */
export function g(enExplain: string, enNext: string, zhExplain: string, zhNext: string): GuidanceEntry {
  return { en: { explain: enExplain, next: enNext }, zh: { explain: zhExplain, next: zhNext } };
}
