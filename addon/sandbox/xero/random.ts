// Deterministic randomness for the sandbox: ids, codes and tokens come from a seeded generator whose state
// lives in the sandbox state, so a seeded run is reproducible and a persisted demo never repeats an id.

/** mulberry32: tiny, fast and good enough for ids (not for secrets that guard anything real). */
export function nextRandom(state: { rng: number }): number {
  state.rng = (state.rng + 0x6d2b79f5) | 0;
  let t = state.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

function hexBytes(state: { rng: number }, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i++) {
    out += Math.floor(nextRandom(state) * 256)
      .toString(16)
      .padStart(2, '0');
  }
  return out;
}

/** A version-4-shaped UUID (Xero ids are lower-case GUIDs). */
export function uuid(state: { rng: number }): string {
  const h = hexBytes(state, 16).split('');
  h[12] = '4';
  h[16] = '89ab'[Number.parseInt(h[16]!, 16) & 3]!;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** An opaque token or code: 64 hex characters (Xero's codes and refresh tokens are opaque too). */
export function opaqueToken(state: { rng: number }): string {
  return hexBytes(state, 32);
}

/** Seeds a generator state from a number or string. */
export function seedState(seed: number | string): { rng: number } {
  let h = 2166136261;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return { rng: h | 0 };
}
