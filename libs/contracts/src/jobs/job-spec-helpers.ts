import type { JobType } from '../catalog/job-catalog';
import { ContractViolationError } from '../errors/contract-violation-error';
import { parsePayload } from '../validation/parse-payload';

/** The issue paths `parsePayload` reports for `payload`; [] when it passes. */
export function issuePaths(type: JobType, payload: unknown): string[] {
  try {
    parsePayload(type, payload);
    return [];
  } catch (error) {
    if (error instanceof ContractViolationError) {
      return error.issues.map(issue => issue.path);
    }
    throw error;
  }
}
