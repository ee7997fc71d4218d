import { createConnection } from 'node:net';
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

  it('says how to install redis-server when the binary is missing', async () => {
    await expect(
      startRedisServer({ binary: 'no-such-redis-server' }),
    ).rejects.toThrow(/not on PATH.*apt-get install redis-server/);
  });
});
