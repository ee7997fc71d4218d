import { toJsonSchema } from '@errand/contracts';
import { Type } from '@sinclair/typebox';
import type { OpenApiPaths, OpenApiResponse } from './openapi-object';

/** The tag of the dashboard's routes. */
export const dashboardTag = {
  name: 'dashboard',
  description:
    'Bull Board at `/admin/queues` (read-only, admin keys only), and the login that gives a browser its session.',
};

const html = (description: string): OpenApiResponse => ({
  description,
  content: { 'text/html': { schema: toJsonSchema(Type.String()) } },
});

const redirect = (description: string): OpenApiResponse => ({
  description,
  headers: {
    Location: {
      description: 'Where the browser goes next.',
      schema: toJsonSchema(Type.String()),
    },
  },
});

/** `GET`/`POST /admin/queues/login` and `POST /admin/queues/logout`. */
export function dashboardPaths(): OpenApiPaths {
  return {
    '/admin/queues/login': {
      get: {
        operationId: 'getDashboardLogin',
        summary: 'The dashboard login form',
        description:
          'A browser cannot send a Bearer header, so `/admin/queues` sends it here first: an admin pastes an API key once.',
        tags: ['dashboard'],
        responses: { '200': html('The form.') },
      },
      post: {
        operationId: 'logInToDashboard',
        summary: 'Log in to the dashboard',
        description:
          'Checks the key; an admin key gets a session cookie (`errand_session`: HttpOnly, SameSite=Strict, Secure over HTTPS, path `/admin/queues`, 8 hours) holding the key name and expiry signed with HMAC-SHA256, never the key. `/admin/queues` also takes `Authorization: Bearer <admin key>` directly.',
        tags: ['dashboard'],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: toJsonSchema(
                Type.Object(
                  { key: Type.String() },
                  { additionalProperties: false },
                ),
              ),
            },
          },
        },
        responses: {
          '303': {
            ...redirect('Logged in: on to `/admin/queues`.'),
            headers: {
              ...redirect('').headers,
              'Set-Cookie': {
                description: 'The signed session.',
                schema: toJsonSchema(Type.String()),
              },
            },
          },
          '401': html('The key is not valid: the form again.'),
          '403': html('The key is not an admin key: the form again.'),
        },
      },
    },
    '/admin/queues/logout': {
      post: {
        operationId: 'logOutOfDashboard',
        summary: 'Log out of the dashboard',
        description: 'Clears the session cookie.',
        tags: ['dashboard'],
        responses: { '303': redirect('On to the login form.') },
      },
    },
  };
}
