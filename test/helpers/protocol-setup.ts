/** Integration set-up: a test fails if a server payload it received broke the protocol's schemas. */
import { afterEach, expect } from 'vitest';
import { checkProtocol, takeViolations } from './protocol-check.ts';

checkProtocol();

afterEach(() => {
  expect(takeViolations(), 'server payloads that do not match src/protocol/server-schemas.ts').toEqual([]);
});
