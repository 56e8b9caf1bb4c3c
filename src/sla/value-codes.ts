/**
 * The values one field takes, each kept once, and a small integer code per value: columns of clocks hold codes where
 * they would hold the same few strings again and again (agreements, states, calendars, a ticket's service).
 */
export class ValueCodes<T> {
  readonly list: T[] = [];
  private readonly index = new Map<T, number>();

  code(value: T): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.list.length;
      this.list.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  at(code: number): T {
    return this.list[code] as T;
  }
}
