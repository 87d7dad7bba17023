/** vitest globalSetup for browser tests: build the front-end once into dist/ before any page opens. */
import { build } from 'vite';

export default async function buildOnce(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
