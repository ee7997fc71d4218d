import { gunzip } from 'node:zlib';
import { toProblem } from './to-problem';

/** body-parser's wrapping of a stream error: the error, with a 400. */
const asBodyParserError = (error: Error) =>
  Object.assign(error, { status: 400, statusCode: 400, expose: true });

describe('toProblem', () => {
  it('renders a body that does not inflate as 400 request.malformedJson', async () => {
    const zlibError = await new Promise<Error>(done =>
      gunzip(Buffer.from('{"not":"gzip"}'), error => done(error as Error)),
    );
    expect(toProblem(asBodyParserError(zlibError))).toMatchObject({
      status: 400,
      code: 'request.malformedJson',
    });
  });

  it.each(['request.size.invalid', 'request.aborted'])(
    'renders body-parser %s as 400 request.malformedJson',
    type => {
      const error = Object.assign(new Error('request size mismatch'), {
        type,
        status: 400,
      });
      expect(toProblem(error)).toMatchObject({
        status: 400,
        code: 'request.malformedJson',
      });
    },
  );

  it('still renders an unknown 400-tagged error as internal', () => {
    const error = Object.assign(new Error('boom'), { status: 400 });
    expect(toProblem(error)).toMatchObject({
      status: 500,
      code: 'internal.error',
      detail: 'Something went wrong; the error is logged.',
    });
  });
});
