import { roleFor } from './route-roles';

describe('roleFor', () => {
  it.each([
    ['POST', '/enqueue'],
    ['POST', '/enqueue/batch'],
    ['GET', '/jobs/0b5d'],
    ['HEAD', '/jobs/0b5d'],
    ['GET', '/jobs/0b5d/events'],
    ['POST', '/jobs'],
    ['POST', '/task'],
    ['GET', '/task/0b5d'],
    ['POST', '/tasks'],
    ['GET', '/tasks/0b5d'],
  ])('lets a producer call %s %s', (method, path) => {
    expect(roleFor(method, path)).toBe('producer');
  });

  it.each([
    ['GET', '/jobs'],
    ['DELETE', '/jobs/0b5d'],
    ['POST', '/jobs/0b5d/retry'],
    ['GET', '/dead-letter'],
    ['POST', '/dead-letter/replay'],
    ['GET', '/stats'],
    ['GET', '/schedules'],
    ['GET', '/metrics'],
    ['GET', '/a-route-added-later'],
    ['GET', '/tasks'],
    ['DELETE', '/tasks/0b5d'],
    ['GET', '/task/0b5d/events'],
  ])('keeps %s %s for admins', (method, path) => {
    expect(roleFor(method, path)).toBe('admin');
  });
});
