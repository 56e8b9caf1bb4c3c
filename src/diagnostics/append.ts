/** Appends in a loop: `target.push(...items)` overflows the call stack above ~100,000 items (a year of tickets). */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
