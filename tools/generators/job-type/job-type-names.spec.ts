import { jobTypeNames } from './job-type-names';

describe('jobTypeNames', () => {
  it('derives the file stem and the export prefixes from a dotted name', () => {
    expect(jobTypeNames('sms.send')).toEqual({
      type: 'sms.send',
      fileName: 'sms-send',
      className: 'SmsSend',
      propertyName: 'smsSend',
    });
  });

  it('joins every segment of a longer name', () => {
    expect(jobTypeNames('report.daily.build')).toMatchObject({
      fileName: 'report-daily-build',
      className: 'ReportDailyBuild',
      propertyName: 'reportDailyBuild',
    });
  });

  it.each(['sms', 'Sms.send', 'sms.send2', 'sms:send', 'sms..send', '.sms'])(
    'rejects %j, which the catalog would not accept',
    name => {
      expect(() => jobTypeNames(name)).toThrow(
        `"${name}" is not a job type name`,
      );
    },
  );
});
