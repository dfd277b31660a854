// Regular expressions from the configuration (cards.pattern, cards.extractors), compiled once.

const compiled = new Map<string, RegExp | null>();

/** Compiled once per expression; the cache is bounded because options may come from anywhere. */
export function compile(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source);
    } catch {
      re = null;
    }
    if (compiled.size >= 256) compiled.clear();
    compiled.set(source, re);
  }
  return re;
}
