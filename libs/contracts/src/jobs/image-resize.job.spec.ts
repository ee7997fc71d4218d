import { issuePaths } from './job-spec-helpers';
import { MAX_IMAGE_SIDE } from './image-resize.job';

describe('the image.resize contract', () => {
  it('takes a URL or base64 source with a size, fit, format and quality', () => {
    expect(
      issuePaths('image.resize', {
        url: 'https://example.com/a.jpg',
        width: 320,
        height: 200,
        fit: 'cover',
        format: 'avif',
        quality: 70,
      }),
    ).toEqual([]);
    expect(
      issuePaths('image.resize', { base64: 'iVBORw0KGgo=', height: 10 }),
    ).toEqual([]);
  });

  it.each([
    [{ url: 'http://0x7f000001/a.png' }, '/payload/url'],
    [{ base64: 'not base64!' }, '/payload/base64'],
    [{ width: 0 }, '/payload/width'],
    [{ width: MAX_IMAGE_SIDE + 1 }, '/payload/width'],
    [{ fit: 'stretch' }, '/payload/fit'],
    [{ format: 'gif' }, '/payload/format'],
    [{ quality: 101 }, '/payload/quality'],
  ])('rejects %j at %s', (change, path) => {
    expect(
      issuePaths('image.resize', { base64: 'aGk=', width: 10, ...change }),
    ).toContain(path);
  });
});
