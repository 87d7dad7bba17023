import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials } from '../../signaling-server/realtime/ice-servers.ts';

describe('TURN REST credentials', () => {
  it('give the username expiry:id and the HMAC-SHA1 of it as the password', () => {
    // Expected value computed independently: python3 -c "import hmac,hashlib,base64;
    // print(base64.b64encode(hmac.new(b'north-secret', b'1795946400:call-1', hashlib.sha1).digest()))"
    expect(turnCredentials('north-secret', 'call-1', 1_795_942_800_000, 3600)).toEqual({
      username: '1795946400:call-1',
      credential: 'BYgtBOfS6IflQSFaCnIUZ9xxbHU=',
    });
  });

  it('list STUN, then TURN with fresh credentials, then static servers', () => {
    const servers = iceServersFor(
      {
        stunUrls: ['stun:127.0.0.1:3478'],
        turnUrls: ['turn:127.0.0.1:3478?transport=udp'],
        turnSecret: 's3cret',
        turnTtlS: 600,
        extra: [{ urls: 'stun:stun.example.org' }],
      },
      'call-9',
      1_000_000,
    );
    expect(servers).toEqual([
      { urls: ['stun:127.0.0.1:3478'] },
      {
        urls: ['turn:127.0.0.1:3478?transport=udp'],
        username: '1600:call-9',
        credential: expect.any(String),
      },
      { urls: 'stun:stun.example.org' },
    ]);
  });

  it('give no TURN entry without a secret', () => {
    const servers = iceServersFor(
      { stunUrls: [], turnUrls: ['turn:127.0.0.1:3478'], turnSecret: null, turnTtlS: 600, extra: [] },
      'x',
      0,
    );
    expect(servers).toEqual([]);
  });
});
