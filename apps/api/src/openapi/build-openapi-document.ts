import {
  CallbackEvent,
  EnqueueAccepted,
  jobCatalog,
  type JobDefinition,
  JobsAccepted,
  JobTypeList,
  JobView,
  Liveness,
  Problem,
  Readiness,
  TaskAccepted,
  TasksRequest,
  TaskView,
  toJsonSchema,
  TypeStatsList,
} from '@errand/contracts';
import { securitySchemes, withAccessControl } from './access-control';
import { batchPaths } from './batch-paths';
import { dashboardPaths, dashboardTag } from './dashboard-paths';
import {
  deadLetterPaths,
  deadLetterSchemas,
  deadLetterTag,
} from './dead-letter-paths';
import { buildAliasRequestSchemas } from './alias-request-union';
import { compatPaths, compatTag, withCompatPaths } from './compat-paths';
import { buildEnqueueRequestSchemas } from './enqueue-request-union';
import { flowPaths, flowSchemas } from './flow-paths';
import {
  jobTypeLimitsPaths,
  jobTypeLimitsSchemas,
} from './job-type-limits-paths';
import { jobListPaths, jobListSchemas } from './job-list-paths';
import { jobPaths } from './job-paths';
import type { OpenApiDocument } from './openapi-object';
import { schedulePaths, scheduleSchemas, scheduleTag } from './schedule-paths';
import { servicePaths } from './service-paths';

/** What the document says about itself. */
export interface OpenApiDocumentOptions {
  /**
   * The job types to document.
   * @defaultValue the {@link jobCatalog}
   */
  catalog?: Readonly<Record<string, JobDefinition>>;
  /**
   * `info.version`: the API's version.
   * @defaultValue `'0.1.0'`
   */
  version?: string;
}

const description = `Errand runs background jobs. \`POST /enqueue\` checks a job against its type's contract and answers at once with an id; workers run it later, with retries and a dead-letter queue.

Every error is an RFC 9457 \`application/problem+json\` body with a stable \`code\`; contract violations list each offending field in \`errors\` as \`{path, message}\`. Payload fields marked \`x-sensitive\` are kept out of logs and shown as \`[redacted]\`.

This document is generated from the TypeBox contracts and the job catalog in \`libs/contracts\`.`;

/**
 * Builds the API's OpenAPI 3.1 document from the job catalog and the HTTP
 * schemas. Pure: the same input gives an equal document, with no objects
 * shared with the live contracts, so callers may mutate it.
 */
export function buildOpenApiDocument({
  catalog = jobCatalog,
  version = '0.1.0',
}: OpenApiDocumentOptions = {}): OpenApiDocument {
  const enqueue = buildEnqueueRequestSchemas(catalog);
  const aliases = buildAliasRequestSchemas(catalog);
  const jobs = jobPaths(enqueue.examples);
  const enqueueOperation = jobs['/enqueue']?.post;
  if (!enqueueOperation) throw new Error('jobPaths lost POST /enqueue');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Errand API',
      version,
      description,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      {
        name: 'jobs',
        description: 'Enqueue jobs, read them, retry dead ones, count them.',
      },
      {
        name: 'flows',
        description:
          'Trees and chains of jobs: parents run after their children (docs/flows.md).',
      },
      { name: 'job types', description: 'The catalog of job contracts.' },
      { ...scheduleTag },
      { ...deadLetterTag },
      { name: 'health', description: 'Probes for orchestrators.' },
      { name: 'documentation', description: 'This document and its viewer.' },
      { ...dashboardTag },
      { ...compatTag },
    ],
    paths: withAccessControl(
      withCompatPaths(
        {
          ...jobs,
          ...jobListPaths(),
          ...batchPaths(),
          ...flowPaths(),
          ...servicePaths(),
          ...jobTypeLimitsPaths(),
          ...schedulePaths(),
          ...deadLetterPaths(),
          ...dashboardPaths(),
        },
        compatPaths(enqueueOperation, Object.keys(aliases).length > 0),
      ),
    ),
    components: {
      securitySchemes: securitySchemes(),
      schemas: {
        ...enqueue.components,
        ...aliases,
        ...jobListSchemas(),
        ...scheduleSchemas(),
        ...deadLetterSchemas(),
        ...jobTypeLimitsSchemas(),
        ...flowSchemas(),
        EnqueueAccepted: toJsonSchema(EnqueueAccepted),
        JobView: toJsonSchema(JobView),
        CallbackEvent: toJsonSchema(CallbackEvent),
        Problem: toJsonSchema(Problem),
        TypeStatsList: toJsonSchema(TypeStatsList),
        JobTypeList: toJsonSchema(JobTypeList),
        Liveness: toJsonSchema(Liveness),
        Readiness: toJsonSchema(Readiness),
        TasksRequest: toJsonSchema(TasksRequest),
        JobsAccepted: toJsonSchema(JobsAccepted),
        TaskAccepted: toJsonSchema(TaskAccepted),
        TaskView: toJsonSchema(TaskView),
      },
    },
  };
}
