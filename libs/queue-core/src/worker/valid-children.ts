import { UnrecoverableError } from 'bullmq';
import {
  ErrandError,
  parseFlowRequest,
  type TypedFlowStep,
  type ValidFlowNode,
} from '@errand/contracts';

/**
 * A fan-out's children checked against their contracts, as `POST /flows`
 * checks a flow's nodes: a handler is a producer too, and a child that
 * breaks its contract can never run, so the job is dead at once (no retry
 * would mend its code): the error to end it with, naming the child's path
 * and field.
 */
export function validChildren(
  children: readonly TypedFlowStep[],
): ValidFlowNode[] | UnrecoverableError {
  const issues: string[] = [];
  const valid = children.flatMap((child, index) => {
    try {
      return [parseFlowRequest(child)];
    } catch (error) {
      if (!(error instanceof ErrandError)) throw error;
      if (error.issues.length === 0) {
        issues.push(`/children/${index}: ${error.message}`);
      }
      for (const issue of error.issues) {
        const at = issue.path === '/' ? '' : issue.path;
        issues.push(`/children/${index}${at}: ${issue.message}`);
      }
      return [];
    }
  });
  if (issues.length === 0) return valid;
  return new UnrecoverableError(
    `waitForChildren was given children that break their contracts: ${issues.slice(0, 5).join('; ')}`,
  );
}
