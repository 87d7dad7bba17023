/** The settings added for skills routing and teams: their defaults, and a clear error for bad values. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../signaling-server/config.ts';

describe('settings', () => {
  it('has defaults for the skill fallback and the teammate suggestion', () => {
    const c = loadConfig({ DB_PATH: ':memory:' });
    expect(c.routing.skillFallbackMs).toBe(60_000);
    expect(c.teamPromptMs).toBe(20 * 60_000);
  });

  it('takes minutes with a fraction for the teammate suggestion', () => {
    expect(loadConfig({ DB_PATH: ':memory:', TEAM_PROMPT_MIN: '0.05' }).teamPromptMs).toBe(3000);
    expect(loadConfig({ DB_PATH: ':memory:', SKILL_FALLBACK_MS: '1500' }).routing.skillFallbackMs).toBe(1500);
  });

  it.each([
    ['TEAM_PROMPT_MIN', 'soon'],
    ['TEAM_PROMPT_MIN', '0'],
    ['TEAM_PROMPT_MIN', '-1'],
    ['TEAM_PROMPT_MIN', '601'],
    ['SKILL_FALLBACK_MS', '1.5'],
    ['SKILL_FALLBACK_MS', '999'],
  ])('refuses %s=%s with an error that names it', (name, value) => {
    expect(() => loadConfig({ DB_PATH: ':memory:', [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DB_PATH: ':memory:', [name]: value })).toThrow(name);
  });
});
