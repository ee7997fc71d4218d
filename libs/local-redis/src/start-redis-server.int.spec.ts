import { createConnection } from 'node:net';
import { findFreePort } from './find-free-port';
import { startRedisServer } from './start-redis-server';

function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () =>
      socket.write('PING\r\n'),
    );
    socket.once('data', data => {
      socket.end();
      resolve(data.toString().trim());
    });
    socket.once('error', reject);
  });
}

describe('startRedisServer', () => {
  it('starts a private server that answers PING, and stops it', async () => {
    const server = await startRedisServer();
    expect(server.port).not.toBe(6379);
    expect(await ping(server.port)).toBe('+PONG');
    await server.stop();
    await expect(ping(server.port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('moves to another free port when the one it found is refused', async () => {
    // A cluster node also binds its port + 10 000, which must stay at most
    // 65 535: 60 000 is refused, whoever holds what.
    const offered = [60_000];
    const node = await startRedisServer({
      extraArgs: ['--cluster-enabled', 'yes'],
      freePort: async () => offered.shift() ?? findFreePort(),
    });
    try {
      expect(node.port).not.toBe(60_000);
      expect(await ping(node.port)).toBe('+PONG');
    } finally {
      await node.stop();
    }
  });

  it('says how to install redis-server when the binary is missing', async () => {
    await expect(
      startRedisServer({ binary: 'no-such-redis-server' }),
    ).rejects.toThrow(/not on PATH.*apt-get install redis-server/);
  });
});
