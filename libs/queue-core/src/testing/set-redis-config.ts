import { JobStore } from '../store/job-store';

/**
 * `CONFIG SET name value` on the Redis at `url`, over a connection of its
 * own: for specs that put their private server in a state the apps must
 * handle (an evicting policy, refused writes). Never point it at a Redis
 * that is not the test's own.
 */
export async function setRedisConfig(
  url: string,
  name: string,
  value: string,
): Promise<void> {
  const admin = new JobStore({ redisUrl: url });
  try {
    await admin.runWithDeadline(() =>
      admin.connection.config('SET', name, value),
    );
  } finally {
    await admin.close();
  }
}
