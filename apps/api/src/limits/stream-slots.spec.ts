import { StreamSlots } from './stream-slots';

const refusal = (take: () => unknown) => {
  try {
    take();
  } catch (error) {
    return error;
  }
  return 'taken';
};

describe('StreamSlots', () => {
  it('gives each key its cap, then refuses it with a retry delay', () => {
    const slots = new StreamSlots({ perKey: 2, perProcess: 10 });
    slots.acquire('key:shop');
    slots.acquire('key:shop');

    expect(refusal(() => slots.acquire('key:shop'))).toMatchObject({
      code: 'request.rateLimited',
      retryAfterSeconds: expect.any(Number),
    });
    expect(refusal(() => slots.acquire('key:crm'))).toBe('taken');
  });

  it('refuses every key once the process holds its cap', () => {
    const slots = new StreamSlots({ perKey: 5, perProcess: 2 });
    slots.acquire('key:shop');
    slots.acquire('key:crm');

    expect(refusal(() => slots.acquire('key:ops'))).toMatchObject({
      code: 'request.rateLimited',
    });
  });

  it('frees a slot once, however often it is released', () => {
    const slots = new StreamSlots({ perKey: 2, perProcess: 2 });
    const release = slots.acquire('key:shop');
    slots.acquire('key:shop');

    release();
    release();

    expect(refusal(() => slots.acquire('key:shop'))).toBe('taken');
    expect(refusal(() => slots.acquire('key:shop'))).not.toBe('taken');
  });
});
