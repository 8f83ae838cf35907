/** Which keyword list of a campaign a keyword came from. */
export type KeywordList = 'plus' | 'minus';

/** A keyword the matcher cannot use; says which one and why, for the campaign form to show. */
export class KeywordError extends Error {
  override readonly name = 'KeywordError';

  constructor(
    readonly keyword: string,
    readonly list: KeywordList,
    readonly index: number,
    readonly reason: string,
  ) {
    super(`${list} keyword #${index + 1} ${JSON.stringify(keyword)}: ${reason}`);
  }
}
