import { ErrandError, ErrorCode, type FieldIssue } from '@errand/contracts';

/** Configuration that fails its schema; each issue names the variable. */
export class ConfigError extends ErrandError {
  constructor(issues: readonly FieldIssue[]) {
    const lines = issues.map(issue => `  ${issue.path}: ${issue.message}`);
    super(
      ErrorCode.configInvalid,
      `Invalid configuration:\n${lines.join('\n')}`,
      issues,
    );
    this.name = 'ConfigError';
  }
}
