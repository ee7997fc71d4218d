import {
  flowShardOf,
  flowShardsOf,
  parseQueueName,
  queueNameFor,
} from './queue-name';

describe('queue names', () => {
  const plain = { prefix: 'p' };
  const tagged = { prefix: 'p', hashTag: true };

  describe('on one Redis', () => {
    it('names a flow node’s queue as its type’s, since there are no shards', () => {
      expect(flowShardsOf(plain)).toEqual([]);
      expect(flowShardOf(plain, 'any-flow')).toBeUndefined();
      expect(queueNameFor('email.send', plain)).toBe('email.send');
      expect(queueNameFor('email.send', plain, undefined)).toBe('email.send');
    });
  });

  describe('on a cluster', () => {
    it('tags a type’s own queue with the type and a shard’s with the shard', () => {
      expect(queueNameFor('email.send', tagged)).toBe('{email.send}');
      expect(queueNameFor('email.send', tagged, 2)).toBe('{f2}email.send');
    });

    it('has three shards unless told, and as many as told', () => {
      expect(flowShardsOf(tagged)).toEqual([0, 1, 2]);
      expect(flowShardsOf({ ...tagged, flowShards: 5 })).toHaveLength(5);
    });

    it('gives a flow one shard, always the same, and spreads flows over all', () => {
      const naming = { ...tagged, flowShards: 4 };
      expect(flowShardOf(naming, 'flow-a')).toBe(flowShardOf(naming, 'flow-a'));
      const seen = new Set(
        Array.from({ length: 200 }, (_, i) => flowShardOf(naming, `f-${i}`)),
      );
      expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    });
  });

  it('reads every name it writes back as its type and shard', () => {
    expect(parseQueueName('email.send')).toEqual({ type: 'email.send' });
    expect(parseQueueName('{email.send}')).toEqual({ type: 'email.send' });
    expect(parseQueueName('{f12}pdf.render')).toEqual({
      type: 'pdf.render',
      shard: 12,
    });
    expect(parseQueueName('{f1}no.such.type')).toBeUndefined();
    expect(parseQueueName('other')).toBeUndefined();
  });
});
