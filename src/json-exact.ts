/**
 * Whether `value` reads back from JSON exactly as it is: strings, booleans, null, finite numbers other than -0,
 * arrays of such values, and plain objects whose own values are such values (a property holding undefined would be
 * dropped, NaN and Infinity become null, -0 becomes 0, a Date, a Map or an object without a prototype becomes
 * something else). The same answer as comparing `JSON.parse(JSON.stringify(value))` with `value`, without building
 * either (a test compares the two).
 */
export function isJsonExact(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isJsonExact(value[i])) return false;
        return Object.getPrototypeOf(value) === Array.prototype && Object.keys(value).length === value.length;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype) return false;
      if (Object.getOwnPropertySymbols(value).length > 0) return false;
      const keys = Object.keys(value);
      if (Object.getOwnPropertyNames(value).length !== keys.length || 'toJSON' in value) return false;
      for (const key of keys) if (!isJsonExact((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
}
