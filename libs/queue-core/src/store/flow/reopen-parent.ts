import type { Job } from 'bullmq';
import type { JobStore } from '../job-store';

/**
 * Moves a parent that a child's death failed (`onFailure: "fail-parent"`)
 * from BullMQ's failed set back to `waiting-children`, so that replaying
 * that child from the dead-letter queue lets the parent go on when the
 * child succeeds. Only a parent whose failure names this child moves: one
 * failed for another reason, or by another child, stays dead. Its own
 * keys only (the parent's slot), in one script, so no reader sees it in
 * both sets or in neither.
 */
const REOPEN_PARENT = `
local parentKey, failedKey, waitingKey = KEYS[1], KEYS[2], KEYS[3]
local parentId, childKey = ARGV[1], ARGV[2]
if not redis.call('ZSCORE', failedKey, parentId) then return 0 end
local reason = redis.call('HGET', parentKey, 'failedReason')
if not reason or not string.find(reason, childKey, 1, true) then return 0 end
redis.call('ZREM', failedKey, parentId)
redis.call('ZADD', waitingKey, redis.call('HGET', parentKey, 'timestamp') or 0, parentId)
redis.call('HDEL', parentKey, 'finishedOn', 'processedOn', 'failedReason', 'defa')
return 1
`;

/**
 * Before dead job `child` is sent back: reopens the parent its death
 * failed, as {@link REOPEN_PARENT} says. Resolves true when it moved one.
 * Sent before the child moves, so the child cannot end before its parent
 * waits for it again.
 */
export async function reopenParentOf(
  queues: Pick<JobStore, 'connection'>,
  child: Job,
): Promise<boolean> {
  const { parentKey } = child;
  if (!parentKey || !child.opts.failParentOnFailure) return false;
  const at = parentKey.lastIndexOf(':');
  const queueKey = parentKey.slice(0, at);
  const moved = await queues.connection.eval(
    REOPEN_PARENT,
    3,
    parentKey,
    `${queueKey}:failed`,
    `${queueKey}:waiting-children`,
    parentKey.slice(at + 1),
    `${child.queueQualifiedName}:${child.id}`,
  );
  return moved === 1;
}
