import { issuePaths } from './job-spec-helpers';

describe('the pdf.render contract', () => {
  it('takes a title, paragraphs and a table', () => {
    expect(
      issuePaths('pdf.render', {
        title: 'Report',
        paragraphs: ['One.', 'Two.'],
        table: { columns: ['A', 'B'], rows: [['1', '2'], ['3']] },
      }),
    ).toEqual([]);
  });

  it.each([
    [{ title: '' }, '/payload/title'],
    [{ paragraphs: 'one' }, '/payload/paragraphs'],
    [{ table: { columns: [], rows: [] } }, '/payload/table/columns'],
    [
      { table: { columns: ['A'], rows: Array(1_001).fill(['x']) } },
      '/payload/table/rows',
    ],
    [{ footer: 'x' }, '/payload/footer'],
  ])('rejects %j at %s', (change, path) => {
    expect(
      issuePaths('pdf.render', { title: 'T', paragraphs: [], ...change }),
    ).toContain(path);
  });
});
