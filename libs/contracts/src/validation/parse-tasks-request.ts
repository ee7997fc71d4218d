import '../formats';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';
import { TasksRequest } from '../http/compat';
import { issuesOf } from './issues-of';
import {
  parseEnqueueRequest,
  type ValidEnqueueRequest,
} from './parse-enqueue-request';

const tasksChecker = TypeCompiler.Compile(TasksRequest);

/** Where a canonical field's issues point in a `POST /tasks` body. */
const TASKS_PATHS: Readonly<Record<string, string>> = {
  '/type': '/task_type',
  '/retries': '/max_retries',
};

/**
 * The `POST /tasks` body as the `POST /enqueue` body it stands for:
 * `task_type` → `type`, `max_retries` → `retries`, `priority` unchanged.
 */
function tasksToEnqueueBody(body: TasksRequest): Record<string, unknown> {
  return {
    type: body.task_type,
    payload: body.payload,
    ...(body.max_retries !== undefined && { retries: body.max_retries }),
    ...(body.priority !== undefined && { priority: body.priority }),
  };
}

/**
 * Checks a `POST /tasks` body in its own field names, then hands it to
 * {@link parseEnqueueRequest} as the canonical body, so it passes exactly
 * when that body would pass `POST /enqueue`. Issues name the fields as the
 * client sent them (`/task_type`, `/max_retries`).
 */
export function parseTasksRequest(body: unknown): ValidEnqueueRequest {
  if (!tasksChecker.Check(body)) {
    throw new ContractViolationError(
      ErrorCode.invalidRequest,
      'The request body does not match the POST /tasks contract.',
      issuesOf(tasksChecker, body),
    );
  }
  try {
    return parseEnqueueRequest(tasksToEnqueueBody(body));
  } catch (error) {
    if (!(error instanceof ErrandError)) throw error;
    const issues = error.issues.map(({ path, message }) => ({
      path: TASKS_PATHS[path] ?? path,
      message,
    }));
    throw new ErrandError(error.code, error.message, issues, { cause: error });
  }
}
