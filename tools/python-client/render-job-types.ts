import type { JobDefinition } from '@errand/contracts';
import { GENERATED_HEADER } from './generated-header';
import { toJson } from './named-schemas';
import { docstring, layout, pascalCase, pyString } from './python-text';
import { PythonTypeWriter } from './python-type-writer';

/** `enqueue`'s keyword options, after the payload. */
const OPTIONS = [
  ['retries', 'int | None'],
  ['priority', 'int | None'],
  ['delay', 'float | timedelta | None'],
  ['run_at', 'datetime | str | None'],
  ['idempotency_key', 'str | None'],
  ['concurrency_key', 'str | None'],
  ['callback_url', 'str | None'],
] as const;

/** The options one job of a batch or one node of a flow may carry. */
const ITEM_OPTIONS = [
  '    retries: NotRequired[int]',
  '    priority: NotRequired[int]',
  '    delay: NotRequired[float | timedelta]',
  '    run_at: NotRequired[datetime | str]',
  '    concurrency_key: NotRequired[str]',
  '    callback_url: NotRequired[str]',
];

const ENQUEUE_DOC =
  '`POST /enqueue`: stores one job and returns its id and first status. ' +
  "The payload is typed by the job type's contract, so a wrong one fails " +
  'type checking; the API checks it again (`contract.invalidPayload`, 400, ' +
  'with the offending fields in `errors`). `retries` and `priority` ' +
  "default to the type's; `delay` is in seconds; `run_at` is a " +
  'timezone-aware datetime or an ISO 8601 string. With an ' +
  '`idempotency_key`, a repeat (a retry after a timeout, say) returns the ' +
  'first job instead of storing another; the same key with another request ' +
  'fails with `request.idempotencyConflict` (409). A `concurrency_key` ' +
  "(a tenant id, say) counts the job against its type's per-key cap " +
  '(docs/flow-control.md); a `callback_url` is POSTed a signed event when ' +
  'the job ends (docs/http-api.md, "Callbacks").';

/**
 * `errand_client/job_types.py`: per job type of the catalog, a TypedDict
 * for its payload and one for its result, a TypedDict for it as one job of
 * a batch, and an `enqueue` overload, so that a type checker holds each
 * `enqueue("email.send", {...})` to its contract as `tsc` does for the
 * TypeScript client.
 */
export function renderJobTypes(
  catalog: Readonly<Record<string, JobDefinition>>,
  named: ReadonlyMap<string, string>,
): string {
  const writer = new PythonTypeWriter(named);
  const types = Object.entries(catalog).map(([type, definition]) => {
    const prefix = pascalCase(type);
    const payload = writer.define(
      `${prefix}Payload`,
      toJson(definition.payload),
      `The payload of \`${type}\`. ${definition.description}`,
    );
    const result = writer.define(
      `${prefix}Result`,
      toJson(definition.result),
      `What \`${type}\` returns: a finished job's \`result\`.`,
    );
    return { type, prefix, payload, result };
  });
  writer.useTyping('Literal', 'NotRequired', 'TypedDict', 'Any');

  writer.addBlock(
    [
      '#: Every job type of the catalog.',
      ...layout(
        'JobType = ',
        `Literal[${types.map(t => pyString(t.type)).join(', ')}]`,
        '',
      ),
    ].join('\n'),
  );
  for (const { type, prefix, payload } of types) {
    writer.addBlock(
      [
        `class ${prefix}Request(TypedDict):`,
        ...docstring(`One \`${type}\` job of \`enqueue_batch\`.`, '    '),
        '',
        `    type: Literal[${pyString(type)}]`,
        `    payload: ${payload}`,
        ...ITEM_OPTIONS,
      ].join('\n'),
    );
    writer.addBlock(
      [
        `class ${prefix}FlowNode(TypedDict):`,
        ...docstring(
          `One \`${type}\` node of \`flows.create\`: a batch job's options, a ` +
            'name unique among its siblings, what its death does to its parent, ' +
            'and the nodes it waits for.',
          '    ',
        ),
        '',
        `    type: Literal[${pyString(type)}]`,
        `    payload: ${payload}`,
        ...ITEM_OPTIONS,
        '    name: NotRequired[str]',
        '    on_failure: NotRequired[OnFailure]',
        '    children: NotRequired[list[FlowNode]]',
      ].join('\n'),
    );
  }
  writer.addBlock(
    [
      '#: One job of `enqueue_batch`, its payload typed by its `type`.',
      ...layout(
        'EnqueueRequest = ',
        types.map(t => `${t.prefix}Request`).join(' | '),
        '',
      ),
    ].join('\n'),
  );
  writer.addBlock(
    [
      '#: One node of a flow, its payload typed by its `type`, at any depth.',
      ...layout(
        'FlowNode = ',
        types.map(t => `${t.prefix}FlowNode`).join(' | '),
        '',
      ),
    ].join('\n'),
  );
  writer.addBlock(
    [
      'class FlowChain(TypedDict):',
      ...docstring(
        '`{"chain": [a, b, c]}`: a, then b, then c, each reading the result ' +
          'of the one before. Steps have no `children`.',
        '    ',
      ),
      '',
      '    chain: list[FlowNode]',
    ].join('\n'),
  );
  writer.addBlock(typedEnqueue(types, writer));

  return [
    ...GENERATED_HEADER,
    '"""The job types of the catalog (libs/contracts/src/jobs), typed."""',
    '',
    'from __future__ import annotations',
    '',
    'from abc import ABC, abstractmethod',
    'from collections.abc import Mapping',
    'from datetime import datetime, timedelta',
    `from typing import ${writer.typingImports().join(', ')}`,
    '',
    'from .api_types import EnqueueAccepted, OnFailure',
    '',
    ...writer.definitions().flatMap(block => ['', block, '']),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

/** The mixin holding `enqueue`: one overload per type, then the method. */
function typedEnqueue(
  types: readonly { type: string; payload: string }[],
  writer: PythonTypeWriter,
): string {
  const options = OPTIONS.map(([name, type]) => `        ${name}: ${type}`);
  const overloads =
    types.length > 1
      ? types.flatMap(({ type, payload }) => {
          writer.useTyping('overload');
          return [
            '    @overload',
            '    def enqueue(',
            '        self,',
            `        type: Literal[${pyString(type)}],`,
            `        payload: ${payload},`,
            '        *,',
            ...options.map(option => `${option} = None,`),
            '    ) -> EnqueueAccepted: ...',
            '',
          ];
        })
      : [];
  return [
    'class TypedEnqueue(ABC):',
    ...docstring(
      '`enqueue`, with one overload per job type. `Errand` sends the request.',
      '    ',
    ),
    '',
    '    @abstractmethod',
    '    def _enqueue(',
    '        self,',
    '        type: str,',
    '        payload: Mapping[str, Any],',
    '        *,',
    ...options.map(option => `${option},`),
    '    ) -> EnqueueAccepted: ...',
    '',
    ...overloads,
    '    def enqueue(',
    '        self,',
    `        type: ${types.length > 1 ? 'str' : `Literal[${pyString(types[0].type)}]`},`,
    `        payload: ${types.length > 1 ? 'Mapping[str, Any]' : types[0].payload},`,
    '        *,',
    ...options.map(option => `${option} = None,`),
    '    ) -> EnqueueAccepted:',
    ...docstring(ENQUEUE_DOC, '        '),
    '        return self._enqueue(',
    '            type,',
    '            payload,',
    ...OPTIONS.map(([name]) => `            ${name}=${name},`),
    '        )',
  ].join('\n');
}
