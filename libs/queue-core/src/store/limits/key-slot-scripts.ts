import type { Redis } from 'ioredis';

/**
 * The Lua of per-key concurrency (key-slots.ts), in one place. Every key a
 * script touches lives in its type's queue slot (store/keys.ts).
 */

/**
 * Shared functions: the cap in force (the run-time limits'
 * `perKeyConcurrency`, null: none, else the caller's default, 0: none),
 * and the wake-up of held jobs: as many popped as there are free slots,
 * their slots reserved for a lease, the key dropped from the index when
 * none is left held.
 */
const FUNCTIONS = `
local function readCap(limitsKey, defaultCap)
  local cap = tonumber(defaultCap) or 0
  local stored = redis.call('GET', limitsKey)
  if stored then
    local ok, limits = pcall(cjson.decode, stored)
    if ok and type(limits) == 'table' then
      cap = tonumber(limits['perKeyConcurrency']) or 0
    end
  end
  return cap
end

local function wake(running, held, heldKeys, key, cap, now, lease)
  redis.call('ZREMRANGEBYSCORE', running, '-inf', now)
  local woken = {}
  local free = cap - redis.call('ZCARD', running)
  if cap == 0 then free = 100 end
  if free > 0 then
    woken = redis.call('LPOP', held, free) or {}
  end
  for _, id in ipairs(woken) do
    redis.call('ZADD', running, now + lease, id)
  end
  if #woken > 0 then
    redis.call('PEXPIRE', running, lease * 2)
  end
  if redis.call('LLEN', held) == 0 then
    redis.call('SREM', heldKeys, key)
  end
  return woken
end
`;

/**
 * Holds jobs, then wakes as many as there are free slots.
 * KEYS: running, held, held keys, limits.
 * ARGV: (unused), now, lease ms, default cap, key, the ids to hold… One id
 * alone may be held already (a held job whose recheck time came): it
 * keeps its place.
 */
const HOLD = `${FUNCTIONS}
if #ARGV > 6 or not redis.call('LPOS', KEYS[2], ARGV[6]) then
  redis.call('RPUSH', KEYS[2], unpack(ARGV, 6))
end
redis.call('SADD', KEYS[3], ARGV[5])
return wake(KEYS[1], KEYS[2], KEYS[3], ARGV[5], readCap(KEYS[4], ARGV[4]),
  tonumber(ARGV[2]), tonumber(ARGV[3]))
`;

/**
 * Takes and releases of many slots of one type at once, in order; answers
 * one result each: 1 or 0 for a take (taken, or the key is full), the
 * woken ids for a release. The cap is read once, and only when needed: a
 * take whose slot was reserved (ZADD XX CH renews it), or a release with
 * nothing held (a ZREM), reads nothing else.
 * A share's take ('s', key-shares.ts) answers how many slots it got:
 * 0 (the key is full), else 1 + n, named `<base>.0` (the job's, which
 * replaces its reservation) to `<base>.n`; n spare slots only while the
 * key is far from its cap (a quarter of what is free at most) with
 * nothing held. A give-back ('g') frees a share's slots and the
 * reservations of the jobs it ran, then wakes held jobs, as a release.
 * KEYS: held keys, limits, then for each take its key's running set, for
 * each release, share take and give-back its running set and held list.
 * ARGV: now, lease ms, default cap, then for each take 't' and the job
 * id, for each release 'r', the job id and the key, for each share take
 * 's', the job id, the key, the most spare slots wanted and the base name,
 * for each give-back 'g', the key, a count and that many members.
 */
const SLOTS = `${FUNCTIONS}
local now, lease = tonumber(ARGV[1]), tonumber(ARGV[2])
local cap
local function capInForce()
  if not cap then cap = readCap(KEYS[2], ARGV[3]) end
  return cap
end
-- After slots are freed: the held jobs they wake, none when none is held.
local function wakeFreed(running, held, key)
  if redis.call('LLEN', held) == 0 then return {} end
  return wake(running, held, KEYS[1], key, capInForce(), now, lease)
end
local results = {}
local k, a = 3, 4
while a <= #ARGV do
  local running, id = KEYS[k], ARGV[a + 1]
  if ARGV[a] == 't' then
    k, a = k + 1, a + 2
    if redis.call('ZADD', running, 'XX', 'CH', now + lease, id) == 1
      or redis.call('ZSCORE', running, id) then
      results[#results + 1] = 1
    else
      redis.call('ZREMRANGEBYSCORE', running, '-inf', now)
      local c = capInForce()
      if c > 0 and redis.call('ZCARD', running) >= c then
        results[#results + 1] = 0
      else
        redis.call('ZADD', running, now + lease, id)
        redis.call('PEXPIRE', running, lease * 2)
        results[#results + 1] = 1
      end
    end
  elseif ARGV[a] == 's' then
    local held, key = KEYS[k + 1], ARGV[a + 2]
    local want, base = tonumber(ARGV[a + 3]), ARGV[a + 4]
    k, a = k + 2, a + 5
    redis.call('ZREMRANGEBYSCORE', running, '-inf', now)
    local reserved = redis.call('ZREM', running, id) == 1
    local c = capInForce()
    local free = c - redis.call('ZCARD', running)
    if c > 0 and free <= 0 and not reserved then
      results[#results + 1] = 0
    else
      free = free - 1
      local spare = want
      if c > 0 then spare = math.min(want, math.floor(free / 4)) end
      if spare < 0 or redis.call('LLEN', held) > 0 then spare = 0 end
      local members = {}
      for i = 0, spare do
        members[#members + 1] = now + lease
        members[#members + 1] = base .. '.' .. i
      end
      redis.call('ZADD', running, unpack(members))
      redis.call('PEXPIRE', running, lease * 2)
      results[#results + 1] = 1 + spare
    end
  elseif ARGV[a] == 'g' then
    local held, key, n = KEYS[k + 1], ARGV[a + 1], tonumber(ARGV[a + 2])
    k, a = k + 2, a + 3 + n
    redis.call('ZREM', running, unpack(ARGV, a - n, a - 1))
    results[#results + 1] = wakeFreed(running, held, key)
  else
    local held, key = KEYS[k + 1], ARGV[a + 2]
    k, a = k + 2, a + 3
    redis.call('ZREM', running, id)
    results[#results + 1] = wakeFreed(running, held, key)
  end
end
return results
`;

const SCRIPTS = {
  errandKeyHold: { lua: HOLD, numberOfKeys: 4 },
  // The number of keys goes first in each call.
  errandKeySlots: { lua: SLOTS, numberOfKeys: undefined },
} as const;

/**
 * Runs one of the scripts above by its SHA (ioredis `defineCommand`, once
 * per connection), so a call sends the script's text only the first time.
 */
export function runKeySlotScript(
  connection: Redis,
  name: keyof typeof SCRIPTS,
  params: (string | number)[],
): Promise<unknown> {
  const commands = connection as unknown as Record<
    string,
    ((...params: (string | number)[]) => Promise<unknown>) | undefined
  >;
  let command = commands[name];
  if (!command) {
    connection.defineCommand(name, SCRIPTS[name]);
    command = commands[name] as (...p: (string | number)[]) => Promise<unknown>;
  }
  return command.apply(connection, params);
}
