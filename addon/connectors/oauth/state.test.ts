import { describe, expect, it } from 'vitest';
import { bindingMatches, newBinding, StateError, signState, verifyState } from './state.ts';

const secret = 'state-test-secret-state-test-secret';
const now = Date.UTC(2026, 10, 1);
const payload = {
  attemptId: '3f8c2a1e-5b7d-4c9a-8e21-0d6f4b9a7c10',
  purpose: 'connect' as const,
  expiresAt: now + 600_000,
  bindingHash: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
};

describe('signed OAuth state', () => {
  it('round-trips, carrying the tenant-change confirmation', () => {
    expect(verifyState(secret, signState(secret, payload), now)).toEqual({
      ...payload,
      allowTenantChange: false,
    });
    const s = signState(secret, { ...payload, allowTenantChange: true });
    expect(verifyState(secret, s, now).allowTenantChange).toBe(true);
  });

  it.each([
    ['another secret', signState('another-secret-another-secret-xx', payload)],
    ['no signature', signState(secret, payload).split('.')[0]!],
    [
      'altered body',
      `${Buffer.from(JSON.stringify({ a: payload.attemptId, p: 'signup', e: payload.expiresAt, b: payload.bindingHash })).toString('base64url')}.${signState(secret, payload).split('.')[1]}`,
    ],
    ['truncated signature', signState(secret, payload).slice(0, -4)],
    ['empty', ''],
  ])('refuses %s', (_name, state) => {
    expect(() => verifyState(secret, state, now)).toThrow(StateError);
    try {
      verifyState(secret, state, now);
    } catch (e) {
      expect((e as StateError).code).toBe('state_invalid');
    }
  });

  it('a binding cookie fits only the state it was issued with', () => {
    const mine = newBinding();
    const theirs = newBinding();
    const state = verifyState(secret, signState(secret, { ...payload, bindingHash: mine.hash }), now);
    expect(bindingMatches(state, mine.secret)).toBe(true);
    expect(bindingMatches(state, theirs.secret)).toBe(false);
    expect(bindingMatches(state, '1')).toBe(false);
    expect(bindingMatches(state, undefined)).toBe(false);
  });

  it('refuses an expired state', () => {
    expect(() => verifyState(secret, signState(secret, payload), now + 600_001)).toThrow(/expired/);
  });
});
