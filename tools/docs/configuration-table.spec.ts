import { Type } from '@sinclair/typebox';
import { configRows, UndocumentedVariableError } from './configuration-table';

const port = (value: number) =>
  Type.Integer({ default: value, description: 'The port.' });

describe('configRows', () => {
  it('merges a variable several apps read into one row naming them', () => {
    const rows = configRows([
      { app: 'api', schema: Type.Object({ PORT: port(8000) }) },
      { app: 'worker', schema: Type.Object({ PORT: port(8001) }) },
    ]);

    expect(rows).toEqual([
      {
        name: 'PORT',
        apps: ['api', 'worker'],
        defaults: [
          { app: 'api', value: 8000 },
          { app: 'worker', value: 8001 },
        ],
        description: 'The port.',
      },
    ]);
  });

  it('lists the variables every app reads first, then each app’s own', () => {
    const shared = { SHARED: Type.String({ description: 'Both.' }) };
    const rows = configRows([
      {
        app: 'api',
        schema: Type.Object({
          API_ONLY: Type.String({ description: 'Api.' }),
          ...shared,
        }),
      },
      {
        app: 'worker',
        schema: Type.Object({
          ...shared,
          WORKER_ONLY: Type.String({ description: 'Worker.' }),
        }),
      },
    ]);

    expect(rows.map(row => row.name)).toEqual([
      'SHARED',
      'API_ONLY',
      'WORKER_ONLY',
    ]);
  });

  it('refuses a variable without a description', () => {
    expect(() =>
      configRows([
        { app: 'api', schema: Type.Object({ PORT: Type.Integer() }) },
      ]),
    ).toThrow(UndocumentedVariableError);
  });

  it('refuses one variable described two ways', () => {
    expect(() =>
      configRows([
        { app: 'api', schema: Type.Object({ PORT: port(1) }) },
        {
          app: 'worker',
          schema: Type.Object({
            PORT: Type.Integer({ description: 'Another port.' }),
          }),
        },
      ]),
    ).toThrow(/PORT is described differently by api and worker/);
  });

  it('names only the API for REDIS_WAIT_REPLICAS, which every app accepts', () => {
    const schema = Type.Object({
      REDIS_WAIT_REPLICAS: Type.Integer({ description: 'Replicas.' }),
    });

    const rows = configRows([
      { app: 'api', schema },
      { app: 'worker', schema },
      { app: 'inspector', schema },
    ]);

    expect(rows.map(row => row.apps)).toEqual([['api']]);
  });
});
