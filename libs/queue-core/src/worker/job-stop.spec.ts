import { JobStop } from './job-stop';

describe('JobStop', () => {
  it('keeps the first reason, and tells its listener once', () => {
    const stop = new JobStop();
    const heard: Error[] = [];
    stop.onStop(reason => heard.push(reason));
    const first = new Error('cancelled');

    stop.stop(first);
    stop.stop(new Error('timed out'));

    expect(stop.reason).toBe(first);
    expect(heard).toEqual([first]);
  });

  it('aborts a signal asked for before the stop', () => {
    const stop = new JobStop();
    const { signal } = stop;
    const reason = new Error('shutdown');

    stop.stop(reason);

    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  it('gives an aborted signal when asked after the stop', () => {
    const stop = new JobStop();
    const reason = new Error('shutdown');
    stop.stop(reason);

    expect(stop.signal.aborted).toBe(true);
    expect(stop.signal.reason).toBe(reason);
  });

  it('calls a listener added after the stop at once', () => {
    const stop = new JobStop();
    const reason = new Error('shutdown');
    stop.stop(reason);
    const heard: Error[] = [];

    stop.onStop(r => heard.push(r));

    expect(heard).toEqual([reason]);
  });

  it('calls no listener once it was removed', () => {
    const stop = new JobStop();
    const heard: Error[] = [];
    const remove = stop.onStop(r => heard.push(r));

    remove();
    stop.stop(new Error('late'));

    expect(heard).toEqual([]);
  });
});
