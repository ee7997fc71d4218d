import { startRedisServer, type RedisServer } from '@errand/local-redis';
import type { ConsumerOptions } from '../worker/consumer-options';
import { startConsumer, type Consumer } from '../worker/start-consumer';
import { JobStore } from '../store/job-store';
import { uniquePrefix } from './unique-prefix';

/** The Redis deadline of the fixture's store (see `queues` below). */
const FIXTURE_DEADLINE_MS = 5_000;
/** A consumer's options minus where it consumes: the fixture fills those in. */
type FixtureConsumerOptions = Omit<ConsumerOptions, 'redisUrl' | 'prefix'>;

/** What {@link useQueueFixture} gives a spec; read it in hooks and tests. */
export interface QueueFixture {
  /** The private redis-server every test in the block shares. */
  readonly server: RedisServer;
  /** The current test's queue prefix; no other test uses it. */
  readonly prefix: string;
  /** The current test's queues under {@link QueueFixture.prefix}. */
  readonly queues: JobStore;
  /**
   * Starts a consumer on the current test's prefix. It is closed after the
   * test; closing it sooner is fine, since a second close does nothing.
   */
  startConsumer(options: FixtureConsumerOptions): Consumer;
}

/** Grace period for consumers the test left running. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Registers the Jest hooks of a Redis integration spec in the enclosing
 * `describe`: one private redis-server for the block, and per test a fresh
 * prefix, its JobStore and the consumers started through the fixture, all
 * closed after the test. Call it at the top of a `describe`, not in a test.
 */
export function useQueueFixture(): QueueFixture {
  let server: RedisServer | undefined;
  let prefix: string | undefined;
  let queues: JobStore | undefined;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });
  beforeEach(() => {
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    // Consumers first: no job of the test may run on once its queues close.
    await Promise.all(consumers.splice(0).map(c => c.close(CLOSE_GRACE_MS)));
    await queues?.close();
    queues = undefined;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const fixture: QueueFixture = {
    get server() {
      return defined(server, 'server');
    },
    get prefix() {
      return defined(prefix, 'prefix');
    },
    get queues() {
      // Opened on first use: a spec that only hands the URL and prefix to a
      // child process opens no connection of its own.
      queues ??= new JobStore({
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
        // The specs that use it test behaviour, not the deadline: on two
        // cores shared by the whole suite, a healthy Redis can take longer
        // than the production 800 ms to answer. Specs of the deadline
        // open a store of their own with the deadline they test.
        deadlineMs: FIXTURE_DEADLINE_MS,
      });
      return queues;
    },
    startConsumer(options) {
      const consumer = startConsumer({
        ...options,
        redisUrl: fixture.server.url,
        prefix: fixture.prefix,
      });
      let closing: Promise<void> | undefined;
      const owned: Consumer = {
        isHealthy: () => consumer.isHealthy(),
        close: graceMs => (closing ??= consumer.close(graceMs)),
      };
      consumers.push(owned);
      return owned;
    },
  };
  return fixture;
}

function defined<T>(value: T | undefined, name: string): T {
  if (value === undefined) {
    throw new Error(
      `The queue fixture's ${name} is only there inside hooks and tests.`,
    );
  }
  return value;
}
