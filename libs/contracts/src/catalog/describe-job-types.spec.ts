import { TypeCompiler } from '@sinclair/typebox/compiler';
import { jobCatalog, jobTypes } from './job-catalog';
import type { JobDefinition } from './job-definition';
import { describeJobTypes } from './describe-job-types';
import { JobTypeList } from '../http/job-type-view';

describe('describeJobTypes', () => {
  const list = describeJobTypes();

  it('lists every catalog type in catalog order', () => {
    expect(list.types.map(t => t.type)).toEqual(jobTypes);
  });

  it('matches its own JobTypeList contract', () => {
    expect(TypeCompiler.Compile(JobTypeList).Check(list)).toBe(true);
  });

  it.each(jobTypes)('describes %s from its catalog entry', type => {
    const definition = jobCatalog[type];

    expect(list.types.find(t => t.type === type)).toEqual({
      type,
      description: definition.description,
      version: definition.version,
      defaults: definition.defaults,
      payloadSchema: JSON.parse(JSON.stringify(definition.payload)),
      resultSchema: JSON.parse(JSON.stringify(definition.result)),
      example: definition.example,
      aliases: Object.entries((definition as JobDefinition).aliases ?? {}).map(
        ([name, alias]) => ({ name, renames: alias.renames ?? {} }),
      ),
    });
  });

  it("lists email.send's aliases with the adapter of each", () => {
    const email = list.types.find(t => t.type === 'email.send');

    expect(email?.aliases).toEqual([
      { name: 'send_email', renames: {} },
      { name: 'email', renames: {} },
      { name: 'email_processing', renames: { email: 'to' } },
    ]);
  });

  it('gives plain JSON Schemas, without TypeBox symbols', () => {
    expect.hasAssertions();
    for (const { payloadSchema, resultSchema } of list.types) {
      expect(Object.getOwnPropertySymbols(payloadSchema)).toEqual([]);
      expect(Object.getOwnPropertySymbols(resultSchema)).toEqual([]);
    }
  });
});
