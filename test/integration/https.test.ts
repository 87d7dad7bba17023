/**
 * Optional HTTPS (TLS_CERT_FILE, TLS_KEY_FILE): the server speaks TLS with the configured certificate,
 * and the cookies it sets carry `Secure`. A self-signed test certificate is in test/fixtures/tls/.
 */
import { request } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../../signaling-server/config.ts';
import { interpreterAuth } from '../helpers/clients.ts';
import { TEST_PASSWORD } from '../helpers/accounts.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const tls = path.resolve(import.meta.dirname, '../fixtures/tls');
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({
    TLS_CERT_FILE: path.join(tls, 'cert.pem'),
    TLS_KEY_FILE: path.join(tls, 'key.pem'),
  });
});
afterAll(() => srv.close());

function httpsPost(
  url: string,
  body: object,
): Promise<{ status: number; setCookie: string[]; hsts: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, rejectUnauthorized: false },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            setCookie: res.headers['set-cookie'] ?? [],
            hsts: res.headers['strict-transport-security'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

it('serves HTTPS with HSTS, and its cookies are Secure and __Host- (no subdomain can set them)', async () => {
  const base = srv.url.replace('http:', 'https:');
  const { username } = await srv.provision(interpreterAuth('Secure'));
  const res = await httpsPost(`${base}/api/session`, { username, password: TEST_PASSWORD });
  expect(res.status).toBe(200);
  expect(res.setCookie).toHaveLength(2);
  for (const cookie of res.setCookie)
    expect(cookie).toMatch(
      /^__Host-ashir_(session|console)=[^;]+; Path=\/; HttpOnly; SameSite=Strict; .*; Secure$/,
    );
  expect(res.hsts).toBe('max-age=63072000; includeSubDomains');
  // Plain HTTP is not spoken on that port.
  await expect(fetch(`${srv.url}/healthz`)).rejects.toThrow();
});

it('refuses a certificate without its key', () => {
  expect(() => loadConfig({ TLS_CERT_FILE: 'cert.pem' })).toThrow(ConfigError);
});
