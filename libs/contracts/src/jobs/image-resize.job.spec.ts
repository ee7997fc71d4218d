import { issuePaths } from './job-spec-helpers';
import { MAX_IMAGE_SIDE, MAX_OUTPUT_PIXELS } from './image-resize.job';

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

  describe('when both sides are given', () => {
    it('refuses the 110-byte PNG attack: 8000 x 8000 avif, naming both sides', () => {
      expect(
        issuePaths('image.resize', {
          base64: 'aGk=',
          width: 8_000,
          height: 8_000,
          fit: 'fill',
          format: 'avif',
        }),
      ).toEqual(['/payload/width', '/payload/height']);
    });

    it.each(Object.entries(MAX_OUTPUT_PIXELS))(
      'takes %s up to its cap of %d pixels and refuses one row more',
      (format, cap) => {
        const width = 8_000;
        const height = Math.floor(cap / width);

        expect(
          issuePaths('image.resize', { base64: 'aGk=', width, height, format }),
        ).toEqual([]);
        expect(
          issuePaths('image.resize', {
            base64: 'aGk=',
            width,
            height: height + 1,
            format,
          }),
        ).toEqual(['/payload/width', '/payload/height']);
      },
    );

    it('holds webp, the default format, to the webp cap', () => {
      expect(
        issuePaths('image.resize', {
          base64: 'aGk=',
          width: 6_000,
          height: 6_000,
        }),
      ).toEqual(['/payload/width', '/payload/height']);
    });
  });

  it('leaves a single side to the worker, which knows the aspect ratio', () => {
    expect(
      issuePaths('image.resize', {
        base64: 'aGk=',
        width: 8_000,
        format: 'avif',
      }),
    ).toEqual([]);
  });
});
