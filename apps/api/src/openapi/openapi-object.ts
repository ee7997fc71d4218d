import type { JsonSchema } from '@errand/contracts';

/**
 * The parts of an OpenAPI 3.1 document that Errand writes. Loose on purpose:
 * the document is checked against the OpenAPI schema by the API's tests, not
 * by these types.
 */

/** One example value, with a line saying what it shows. */
export interface OpenApiExample {
  summary: string;
  value: unknown;
}

/** The bodies one response or request may carry, by media type. */
export type OpenApiContent = Record<
  string,
  { schema: JsonSchema; examples?: Record<string, OpenApiExample> }
>;

/** One possible answer of an operation. */
export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: OpenApiContent;
}

/** A path, query or header parameter. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description: string;
  schema: JsonSchema;
}

/** One method on one path. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; content: OpenApiContent };
  /** By status code, as a string (`'202'`). */
  responses: Record<string, OpenApiResponse>;
  /** The schemes any one of which admits a caller; none: public. */
  security?: Record<string, string[]>[];
  /** Requests Errand makes later because of this one (a job's callback). */
  callbacks?: OpenApiCallbacks;
  /**
   * Errand's extension: a compatibility route for clients of the queues
   * Errand replaces (see docs/migrating.md), not part of the canonical API.
   */
  'x-compat'?: true;
}

/** How callers authenticate (an HTTP bearer token, for Errand). */
export interface OpenApiSecurityScheme {
  type: 'http';
  scheme: 'bearer';
  description: string;
}

/**
 * OpenAPI `callbacks`: by name, by runtime expression of the URL (such as
 * `{$request.body#/callback/url}`), the operations Errand calls there.
 */
export type OpenApiCallbacks = Record<string, OpenApiPaths>;

/** The HTTP methods Errand's routes use. */
type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operations on each path, in OpenAPI's `{id}` path syntax. */
export type OpenApiPaths = Record<
  string,
  Partial<Record<HttpMethod, OpenApiOperation>>
>;

/** A whole OpenAPI 3.1 document. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: {
    title: string;
    version: string;
    description: string;
    license: { name: string; identifier: string };
  };
  tags: { name: string; description: string }[];
  paths: OpenApiPaths;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes?: Record<string, OpenApiSecurityScheme>;
  };
}
