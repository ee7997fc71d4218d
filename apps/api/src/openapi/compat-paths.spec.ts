import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  parseEnqueueRequest,
  parseTasksRequest,
  TasksRequest,
} from '@errand/contracts';
import { buildOpenApiDocument } from './build-openapi-document';

const COMPAT_OPERATIONS = [
  ['post', '/jobs'],
  ['post', '/task'],
  ['get', '/task/{id}'],
  ['post', '/tasks'],
  ['get', '/tasks/{id}'],
] as const;

describe('the compatibility routes in the OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it.each(COMPAT_OPERATIONS)(
    'marks %s %s with the compatibility tag and x-compat',
    (method, path) => {
      const operation = doc.paths[path]?.[method];

      expect(operation).toMatchObject({
        tags: ['compatibility'],
        'x-compat': true,
        security: [{ apiKey: [] }],
      });
      expect(operation?.description).toContain('`producer` or `admin`');
      expect(operation?.description).toContain('COMPAT_ROUTES=false');
    },
  );

  it('lists the compatibility tag', () => {
    expect(doc.tags.map(t => t.name)).toContain('compatibility');
  });

  it('answers POST /jobs with created_at and POST /tasks with task_id', () => {
    const accepted = (path: string) =>
      doc.paths[path]?.post?.responses['202']?.content?.['application/json']
        ?.schema;

    expect(accepted('/jobs')).toEqual({
      $ref: '#/components/schemas/JobsAccepted',
    });
    expect(accepted('/tasks')).toEqual({
      $ref: '#/components/schemas/TaskAccepted',
    });
    expect(doc.components.schemas['TaskAccepted']?.['required']).toEqual(
      expect.arrayContaining(['id', 'task_id', 'created_at', 'status']),
    );
  });

  it("documents each alias's body, its adapter's fields renamed", () => {
    const schemas = doc.components.schemas;

    expect(
      Object.keys(
        (
          schemas['AliasEnqueueRequest']?.['discriminator'] as {
            mapping: object;
          }
        ).mapping,
      ),
    ).toEqual(['send_email', 'email', 'email_processing']);
    expect(schemas['EmailSendAsEmailProcessingPayload']?.['required']).toEqual([
      'email',
      'subject',
    ]);
    expect(
      schemas['EmailSendAsSendEmailEnqueueRequest']?.['properties'],
    ).toMatchObject({
      type: { const: 'send_email' },
      payload: { $ref: '#/components/schemas/EmailSendPayload' },
    });
  });

  it.each(['/jobs', '/task'])('shows a %s example the API accepts', path => {
    const example =
      doc.paths[path]?.post?.requestBody?.content['application/json']
        ?.examples?.['issued']?.value;

    expect(() => parseEnqueueRequest(example)).not.toThrow();
  });

  it('shows a POST /tasks example the API accepts', () => {
    const example =
      doc.paths['/tasks']?.post?.requestBody?.content['application/json']
        ?.examples?.['issued']?.value;

    expect(TypeCompiler.Compile(TasksRequest).Check(example)).toBe(true);
    expect(() => parseTasksRequest(example)).not.toThrow();
  });
});
