// A small seeded pseudo-random number generator, so that generated examples are byte-for-byte reproducible.
// mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, good enough for test data and fast.

/** Returns a function producing floats in [0, 1) from a 32-bit integer seed. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hashes a string to a 32-bit seed (FNV-1a), so that seeds may also be written as words. */
export function seedFromString(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Convenience wrapper with the distributions the generator needs. */
export class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
    this.spare = undefined;
  }

  /** True with probability p. */
  chance(p) {
    return this.next() < p;
  }

  /** Integer in [min, max], both inclusive. */
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max). */
  float(min, max) {
    return min + this.next() * (max - min);
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  /** Picks from `[[value, weight], ...]`. */
  weighted(pairs) {
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.next() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    return pairs[pairs.length - 1][0];
  }

  /** Standard normal deviate (Box-Muller, caching the second value). */
  normal() {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and shape (sigma of the underlying normal). */
  lognormal(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
}

/** A weighted table sampled by binary search: for large tables drawn from many times. */
export class WeightedTable {
  constructor(pairs) {
    this.values = pairs.map(([v]) => v);
    this.cumulative = [];
    let total = 0;
    for (const [, w] of pairs) {
      total += w;
      this.cumulative.push(total);
    }
    this.total = total;
  }

  sample(random) {
    const r = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}
