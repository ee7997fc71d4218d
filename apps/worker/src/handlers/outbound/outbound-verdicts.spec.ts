import { isOutboundUrl, parsePayload } from '@errand/contracts';
import { createOutboundPolicy } from './outbound-policy';
import { OutboundRefusedError } from './outbound-refused-error';
import { resolveTarget } from './resolve-target';

// One table, two judges: the contract's `outbound-url` format (the API's
// 400 at enqueue) and the worker's guard (which discards the job). A job
// the API accepts with 202 must not be one the worker then refuses, so for
// every literal address both must give the same verdict.
const table: ReadonlyArray<readonly [url: string, isPublic: boolean]> = [
  ['https://8.8.8.8/', true],
  ['http://1.1.1.1/', true],
  ['https://[2606:4700:4700::1111]/', true],
  ['https://[2001:4860:4860::8888]/', true],
  ['http://[::ffff:8.8.8.8]/', true],
  ['http://[::808:808]/', true], // IPv4-compatible, judged as 8.8.8.8
  // Found by the audit: public to the old contract, refused by the worker.
  ['http://192.88.99.1/', false], // 6to4 relay anycast
  ['http://192.175.48.1/', false], // AS112
  ['http://[2001:2::1]/', false], // benchmarking
  ['http://[2001:20::1]/', false], // ORCHIDv2
  ['http://[2620:4f:8000::1]/', false], // AS112 for IPv6
  // IPv4-compatible ::/96 carries an IPv4 address: judged as that address.
  ['http://[::7f00:1]/', false], // 127.0.0.1
  ['http://[::a9fe:a9fe]/', false], // 169.254.169.254
  ['http://[::a00:1]/', false], // 10.0.0.1
  ['http://[::ffff:127.0.0.1]/', false],
  ['http://[::ffff:a9fe:a9fe]/', false],
  ['http://127.0.0.1/', false],
  ['http://2130706433/', false],
  ['http://0x7f.1/', false],
  ['http://10.0.0.1/', false],
  ['http://172.16.5.4/', false],
  ['http://192.168.1.1/', false],
  ['http://169.254.169.254/', false],
  ['http://100.64.0.1/', false],
  ['http://0.0.0.0/', false],
  ['http://192.0.0.9/', false],
  ['http://192.0.2.1/', false],
  ['http://192.31.196.1/', false],
  ['http://192.52.193.1/', false],
  ['http://198.18.0.1/', false],
  ['http://198.51.100.1/', false],
  ['http://203.0.113.1/', false],
  ['http://224.0.0.1/', false],
  ['http://240.0.0.1/', false],
  ['http://255.255.255.255/', false],
  ['http://[::1]/', false],
  ['http://[::]/', false],
  ['http://[fc00::1]/', false],
  ['http://[fd00:ec2::254]/', false],
  ['http://[fe80::1]/', false],
  ['http://[fec0::1]/', false],
  ['http://[ff02::1]/', false],
  ['http://[64:ff9b::7f00:1]/', false],
  ['http://[64:ff9b:1::1]/', false],
  ['http://[2002:7f00:1::]/', false],
  ['http://[2001::1]/', false], // Teredo
  ['http://[2001:db8::1]/', false],
  ['http://[2001:3::1]/', false], // AMT
  ['http://[2001:5::1]/', false], // IETF protocol assignments
  ['http://[100::1]/', false], // discard
  ['http://[4000::1]/', false], // outside global unicast 2000::/3
  ['http://[::1:2:3:4]/', false],
  ['http://[3fff::1]/', false], // documentation
];

/** The worker's verdict: true when the guard lets the URL through. */
async function workerLetsThrough(url: string, allowedPorts?: string) {
  const policy = createOutboundPolicy(undefined, allowedPorts);
  const neverResolve = () => {
    throw new Error('literal addresses are never resolved');
  };
  try {
    await resolveTarget(new URL(url), policy, neverResolve);
    return true;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return false;
    throw error;
  }
}

describe('the outbound address verdict', () => {
  describe.each(table)('of %s', (url, isPublic) => {
    it(`is ${isPublic ? 'public' : 'refused'} at enqueue`, () => {
      expect(isOutboundUrl(url)).toBe(isPublic);
      // As the API validates it: the format inside a webhook's contract.
      const enqueue = () =>
        parsePayload('webhook.deliver', {
          url,
          body: {},
          secret: 'whsec_0123456789abcdef',
        });
      if (isPublic) expect(enqueue).not.toThrow();
      else expect(enqueue).toThrow(/does not match the webhook.deliver/);
    });

    it(`is ${isPublic ? 'public' : 'refused'} in the worker`, async () => {
      await expect(workerLetsThrough(url)).resolves.toBe(isPublic);
    });
  });
});

describe('the outbound port rule in the worker', () => {
  it.each([
    'http://8.8.8.8/',
    'http://8.8.8.8:80/',
    'https://8.8.8.8/',
    'https://8.8.8.8:443/',
    'http://8.8.8.8:443/',
  ])('lets %s through by default', async url => {
    await expect(workerLetsThrough(url)).resolves.toBe(true);
  });

  it.each([
    'http://8.8.8.8:8080/',
    'http://8.8.8.8:22/',
    'https://8.8.8.8:6379/',
    'http://8.8.8.8:1/',
  ])('refuses %s by default', async url => {
    await expect(workerLetsThrough(url)).resolves.toBe(false);
  });

  it('names the port and the variable that allows it', async () => {
    await expect(
      resolveTarget(new URL('http://8.8.8.8:6379/'), createOutboundPolicy()),
    ).rejects.toThrow(
      /refused to connect to 8\.8\.8\.8:6379: port 6379 is not allowed \(OUTBOUND_ALLOWED_PORTS: 80,443\)/,
    );
  });

  it('lets the configured ports and ranges through, and no others', async () => {
    const ports = '80,443, 8080, 9000-9100';
    await expect(
      workerLetsThrough('http://8.8.8.8:8080/', ports),
    ).resolves.toBe(true);
    await expect(
      workerLetsThrough('http://8.8.8.8:9050/', ports),
    ).resolves.toBe(true);
    await expect(
      workerLetsThrough('http://8.8.8.8:9101/', ports),
    ).resolves.toBe(false);
    await expect(
      workerLetsThrough('http://8.8.8.8:8081/', ports),
    ).resolves.toBe(false);
  });

  it('checks the port before resolving a host name', async () => {
    const resolve = jest.fn(async () => [{ address: '8.8.8.8', family: 4 }]);
    await expect(
      resolveTarget(
        new URL('http://hooks.example:6379/'),
        createOutboundPolicy(),
        resolve,
      ),
    ).rejects.toBeInstanceOf(OutboundRefusedError);
    expect(resolve).not.toHaveBeenCalled();
  });
});
