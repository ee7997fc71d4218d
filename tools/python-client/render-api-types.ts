import {
  EnqueueAccepted,
  EnqueueBatchAccepted,
  FieldIssue,
  FlowAccepted,
  FlowView,
  JobStatus,
  OnFailure,
  JobView,
  Problem,
} from '@errand/contracts';
import { GENERATED_HEADER } from './generated-header';
import { toJson } from './named-schemas';
import { PythonTypeWriter } from './python-type-writer';

/**
 * `errand_client/api_types.py`: the API's answers the Python client
 * returns (a job, an enqueue's acceptance, a problem), as TypedDicts.
 */
export function renderApiTypes(named: ReadonlyMap<string, string>): string {
  const writer = new PythonTypeWriter(named);
  const answers = {
    JobStatus,
    FieldIssue,
    Problem,
    EnqueueAccepted,
    EnqueueBatchAccepted,
    JobView,
    OnFailure,
    FlowAccepted,
    FlowView,
  };
  for (const [name, schema] of Object.entries(answers)) {
    writer.define(name, toJson(schema));
  }
  return [
    ...GENERATED_HEADER,
    '"""The API\'s answers, as the contracts define them (libs/contracts/src/http)."""',
    '',
    'from __future__ import annotations',
    '',
    `from typing import ${writer.typingImports().join(', ')}`,
    '',
    ...writer.definitions().flatMap(block => ['', block, '']),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}
