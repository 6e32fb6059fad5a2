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

/** How to report a bug of the extension (the error block in the output holds everything needed, and no secret). */
export const REPORT_BUG = {
  en: "Report it as a bug of ECS Explorer on its Marketplace page or repository, with the code, action, region and RequestId (in the ECS Explorer output and in the error's tooltip; they never include the AccessKey Secret).",
  zh: '请在 ECS Explorer 的应用市场页面或代码仓库报告此缺陷，附上错误码、操作、地域和 RequestId（见 ECS Explorer 输出面板和错误项的提示，其中不含 AccessKey Secret）。',
} as const;

/** An entry for a code that only a bug can cause (the extension never sends the value at fault). */
export function bug(enExplain: string, zhExplain: string): GuidanceEntry {
  return g(
    enExplain,
    `The request was refused; nothing changed. ${REPORT_BUG.en}`,
    zhExplain,
    `请求已被拒绝，未做任何变更。${REPORT_BUG.zh}`,
  );
}
