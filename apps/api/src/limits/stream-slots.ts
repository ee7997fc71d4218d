import {
  DEFAULT_STREAMS_PER_KEY,
  DEFAULT_STREAMS_PER_PROCESS,
  type EventStreamLimits,
} from './event-stream-limits';
import { TooManyStreamsError } from './too-many-streams-error';

/**
 * Whoever is refused a stream may try again after this: slots free as
 * clients leave or streams reach their lifetime, at no set time.
 */
const RETRY_AFTER_SECONDS = 5;

/**
 * Counts the open streams of one process, per holder and in all, so that
 * no key can hold the process's file descriptors and watchers. In memory:
 * each replica has its own budget, as it has its own descriptors.
 */
export class StreamSlots {
  private readonly perKey: number;
  private readonly perProcess: number;
  private readonly held = new Map<string, number>();
  private total = 0;

  constructor({
    perKey = DEFAULT_STREAMS_PER_KEY,
    perProcess = DEFAULT_STREAMS_PER_PROCESS,
  }: Pick<EventStreamLimits, 'perKey' | 'perProcess'> = {}) {
    this.perKey = perKey;
    this.perProcess = perProcess;
  }

  /**
   * Takes a slot for `holder`, or throws {@link TooManyStreamsError} when
   * it (or the process) is full. Returns the release, safe to call twice.
   */
  acquire(holder: string): () => void {
    const mine = this.held.get(holder) ?? 0;
    if (mine >= this.perKey) {
      throw new TooManyStreamsError(
        `At most ${this.perKey} open event streams per key; close one or try again in ${RETRY_AFTER_SECONDS} s.`,
        RETRY_AFTER_SECONDS,
      );
    }
    if (this.total >= this.perProcess) {
      throw new TooManyStreamsError(
        `This server has its ${this.perProcess} open event streams; try again in ${RETRY_AFTER_SECONDS} s.`,
        RETRY_AFTER_SECONDS,
      );
    }
    this.held.set(holder, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const left = (this.held.get(holder) ?? 1) - 1;
      if (left > 0) this.held.set(holder, left);
      else this.held.delete(holder);
    };
  }
}
