import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const docker = resolve(__dirname, '../../docker');

/** `docker-compose config` needs no engine: it only reads and checks. */
function composeConfig(file: string, ...args: string[]) {
  return spawnSync('docker-compose', ['-f', file, ...args, 'config'], {
    encoding: 'utf8',
  });
}

/** The resolved compose file as JSON, read with docker-compose's own YAML. */
function resolved(): {
  services: Record<string, Record<string, unknown>>;
} {
  const yaml = composeConfig(
    join(docker, 'compose.yaml'),
    '--profile',
    'tools',
    '--profile',
    'monitoring',
  ).stdout;
  const json = execFileSync(
    'python3',
    [
      '-c',
      'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin)))',
    ],
    { input: yaml, encoding: 'utf8' },
  );
  return JSON.parse(json);
}

describe('docker/compose.yaml', () => {
  it('is valid to docker-compose config -q', () => {
    const result = spawnSync(
      'docker-compose',
      ['-f', join(docker, 'compose.yaml'), 'config', '-q'],
      { encoding: 'utf8' },
    );
    if (result.error) {
      throw new Error(
        'docker-compose is not installed: apt-get install -y --no-install-recommends docker-compose',
      );
    }
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is refused once broken, so the check above can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'errand-compose-'));
    try {
      const broken = join(dir, 'compose.yaml');
      writeFileSync(
        broken,
        readFileSync(join(docker, 'compose.yaml'), 'utf8').replace(
          'stop_grace_period: 40s',
          'stop_grace_period: [40s]',
        ),
      );
      copyFileSync(
        join(docker, 'redis', 'redis.conf'),
        join(dir, 'redis.conf'),
      );

      const result = spawnSync(
        'docker-compose',
        ['-f', broken, 'config', '-q'],
        {
          encoding: 'utf8',
        },
      );

      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('stop_grace_period');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs Redis with the committed redis.conf: AOF every second, noeviction', () => {
    const { services } = resolved();
    expect(JSON.stringify(services.redis?.volumes)).toContain('redis.conf');
    const conf = readFileSync(join(docker, 'redis', 'redis.conf'), 'utf8');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendfsync everysec$/m);
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
    // Job hashes stay listpacks: about 40 % less memory per job.
    expect(conf).toMatch(/^hash-max-listpack-value 1024$/m);
  });

  it('runs the API, replicated workers, the inspector and Prometheus under profiles', () => {
    const { services } = resolved();
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'grafana', 'inspector', 'prometheus', 'redis', 'worker'].sort(),
    );
    expect(services.worker?.deploy).toMatchObject({ replicas: 2 });
    expect(services.inspector?.profiles).toEqual(['tools']);
    expect(services.prometheus?.profiles).toEqual(['monitoring']);
    const prometheus = readFileSync(
      join(docker, 'prometheus', 'prometheus.yml'),
      'utf8',
    );
    expect(prometheus).toContain('api:8000');
    expect(prometheus).toMatch(/names: \["worker"\][\s\S]*port: 8001/);
  });
});
