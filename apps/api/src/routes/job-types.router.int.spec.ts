import { TypeCompiler } from '@sinclair/typebox/compiler';
import request from 'supertest';
import {
  jobCatalog,
  jobTypes,
  JobTypeList,
  type JobDefinition,
} from '@errand/contracts';
import { useQueueFixture } from '@errand/queue-core/testing';
import { createSilentLogger } from '@errand/runtime';
import { createApp } from '../app';

describe('GET /job-types', () => {
  const fixture = useQueueFixture();

  const app = () =>
    createApp({ queues: fixture.queues, logger: createSilentLogger() });

  it('lists every catalog type, in catalog order', async () => {
    const res = await request(app()).get('/job-types');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.types.map((t: { type: string }) => t.type)).toEqual(
      jobTypes,
    );
  });

  it('answers with the documented JobTypeList shape', async () => {
    const res = await request(app()).get('/job-types');

    expect(TypeCompiler.Compile(JobTypeList).Check(res.body)).toBe(true);
  });

  it.each(jobTypes)(
    'shows %s with its version, defaults, description and schemas',
    async type => {
      const definition = jobCatalog[type];

      const res = await request(app()).get('/job-types');

      expect(
        res.body.types.find((t: { type: string }) => t.type === type),
      ).toEqual({
        type,
        description: definition.description,
        version: definition.version,
        defaults: definition.defaults,
        payloadSchema: JSON.parse(JSON.stringify(definition.payload)),
        resultSchema: JSON.parse(JSON.stringify(definition.result)),
        example: definition.example,
        aliases: Object.entries(
          (definition as JobDefinition).aliases ?? {},
        ).map(([name, alias]) => ({ name, renames: alias.renames ?? {} })),
      });
    },
  );

  it('shows the aliases email.send answers to, with their adapters', async () => {
    const res = await request(app()).get('/job-types');

    const email = res.body.types.find(
      (t: { type: string }) => t.type === 'email.send',
    );
    expect(email.aliases).toEqual([
      { name: 'send_email', renames: {} },
      { name: 'email', renames: {} },
      { name: 'email_processing', renames: { email: 'to' } },
    ]);
  });

  it('marks sensitive payload fields in the schema', async () => {
    const res = await request(app()).get('/job-types');

    const email = res.body.types.find(
      (t: { type: string }) => t.type === 'email.send',
    );
    expect(email.payloadSchema.properties.text['x-sensitive']).toBe(true);
  });
});
