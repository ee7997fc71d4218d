import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ContractViolationError } from '../errors/contract-violation-error';
import { ErrandError } from '../errors/errand-error';
import { ErrorCode } from '../errors/error-code';
import type { FieldIssue } from '../errors/field-issue';
import { FlowTooLargeError } from '../errors/flow-too-large-error';
import {
  DEFAULT_FLOW_MAX_DEPTH,
  DEFAULT_FLOW_MAX_NODES,
  OnFailure,
} from '../http/flow-request';
import { issuesOf } from './issues-of';
import {
  parseEnqueueRequest,
  type ValidEnqueueRequest,
} from './parse-enqueue-request';

/** How big a flow may be. */
export interface FlowLimits {
  /** @defaultValue {@link DEFAULT_FLOW_MAX_NODES} */
  maxNodes?: number;
  /** Levels, a root alone being one. @defaultValue {@link DEFAULT_FLOW_MAX_DEPTH} */
  maxDepth?: number;
}

/** One node of a flow whose every part passed its contract. */
export interface ValidFlowNode {
  /** Where the node sits in the request: `/`, `/children/2`, `/chain/1`. */
  path: string;
  request: ValidEnqueueRequest;
  name?: string;
  onFailure: OnFailure;
  children: ValidFlowNode[];
}

/** A node's own fields besides the enqueue item, children left unchecked. */
const nodeChecker = TypeCompiler.Compile(
  Type.Object({
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    onFailure: Type.Optional(OnFailure),
    children: Type.Optional(Type.Array(Type.Unknown(), { minItems: 1 })),
  }),
);
const chainChecker = TypeCompiler.Compile(
  Type.Object(
    { chain: Type.Array(Type.Unknown(), { minItems: 2 }) },
    { additionalProperties: false },
  ),
);

/** At most this many issues are listed, however many nodes are bad. */
const MAX_FLOW_ISSUES = 200;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects issues over a whole flow, so every bad node is named at once. */
class IssueList {
  readonly issues: FieldIssue[] = [];
  payloadsOnly = true;

  add(path: string, issues: readonly FieldIssue[], payloadOnly = false): void {
    this.payloadsOnly &&= payloadOnly;
    for (const issue of issues) {
      const at = issue.path === '/' ? '' : issue.path;
      this.issues.push({
        path: `${path === '/' ? '' : path}${at}` || '/',
        message: issue.message,
      });
    }
  }
}

/** Counts nodes and levels before any is checked, stopping past a limit. */
function measure(root: unknown, maxNodes: number): number {
  let nodes = 0;
  let depth = 0;
  let level: unknown[] = [root];
  while (level.length > 0) {
    depth += 1;
    nodes += level.length;
    if (nodes > maxNodes) throw new FlowTooLargeError(maxNodes);
    level = level.flatMap(node =>
      isObject(node) && Array.isArray(node.children) ? node.children : [],
    );
  }
  return depth;
}

/** Checks one node (not its children): its own fields, then its enqueue item. */
function checkNode(
  node: unknown,
  path: string,
  found: IssueList,
): Omit<ValidFlowNode, 'children'> | undefined {
  if (!isObject(node) || !nodeChecker.Check(node)) {
    found.add(path, issuesOf(nodeChecker, node));
    return undefined;
  }
  const { name, onFailure, children: _children, ...item } = node;
  try {
    return {
      path,
      request: parseEnqueueRequest(item),
      ...(name !== undefined && { name }),
      onFailure: onFailure ?? 'fail-parent',
    };
  } catch (error) {
    if (!(error instanceof ErrandError)) throw error;
    found.add(path, error.issues, error.code === ErrorCode.invalidPayload);
    return undefined;
  }
}

/** Checks a node and, below it, every child; names repeated among siblings too. */
function checkTree(
  node: unknown,
  path: string,
  found: IssueList,
): ValidFlowNode | undefined {
  const own = checkNode(node, path, found);
  const children =
    isObject(node) && Array.isArray(node.children) ? node.children : [];
  const names = new Set<string>();
  const valid: ValidFlowNode[] = [];
  children.forEach((child, index) => {
    const childPath = `${path === '/' ? '' : path}/children/${index}`;
    const name = isObject(child) ? child.name : undefined;
    if (typeof name === 'string') {
      if (names.has(name)) {
        found.add(childPath, [
          {
            path: '/name',
            message: `The name "${name}" is already used by a sibling`,
          },
        ]);
      }
      names.add(name);
    }
    const checked = checkTree(child, childPath, found);
    if (checked) valid.push(checked);
  });
  return own && { ...own, children: valid };
}

/** Checks a chain's steps and links them: each step is the child of the next. */
function checkChain(
  steps: unknown[],
  found: IssueList,
): ValidFlowNode | undefined {
  let below: ValidFlowNode | undefined;
  steps.forEach((step, index) => {
    const path = `/chain/${index}`;
    if (isObject(step) && step.children !== undefined) {
      found.add(path, [
        {
          path: '/children',
          message:
            'A chain step has no children: the step before it is its child',
        },
      ]);
      return;
    }
    const own = checkNode(step, path, found);
    if (own) below = { ...own, children: below ? [below] : [] };
  });
  return below;
}

/**
 * Checks a `POST /flows` body, all or nothing: a tree (`{type, payload,
 * children: [...]}`) or a chain (`{chain: [a, b, c]}`, stored as the tree
 * c ← b ← a). Every node is checked as a `POST /enqueue` body would be, and
 * one {@link ContractViolationError} lists every bad node's fields with
 * paths into the body (`/children/2/payload/to`). Past `maxNodes` a
 * {@link FlowTooLargeError}, before any node is checked; past `maxDepth` a
 * violation naming the limit.
 */
export function parseFlowRequest(
  body: unknown,
  {
    maxNodes = DEFAULT_FLOW_MAX_NODES,
    maxDepth = DEFAULT_FLOW_MAX_DEPTH,
  }: FlowLimits = {},
): ValidFlowNode {
  const found = new IssueList();
  let root: ValidFlowNode | undefined;
  if (isObject(body) && 'chain' in body) {
    if (!chainChecker.Check(body)) {
      throw new ContractViolationError(
        ErrorCode.invalidRequest,
        'A chain is {chain: [...]} with at least two steps.',
        issuesOf(chainChecker, body),
      );
    }
    if (body.chain.length > maxNodes) throw new FlowTooLargeError(maxNodes);
    if (body.chain.length > maxDepth) {
      throw tooDeep('/chain', maxDepth);
    }
    root = checkChain(body.chain, found);
  } else {
    if (measure(body, maxNodes) > maxDepth) throw tooDeep('/', maxDepth);
    root = checkTree(body, '/', found);
  }
  if (root && found.issues.length === 0) return root;
  throw new ContractViolationError(
    found.payloadsOnly ? ErrorCode.invalidPayload : ErrorCode.invalidRequest,
    'The flow breaks the contract; none of it was stored.',
    found.issues.slice(0, MAX_FLOW_ISSUES),
  );
}

function tooDeep(path: string, maxDepth: number): ContractViolationError {
  return new ContractViolationError(
    ErrorCode.invalidRequest,
    `The flow is deeper than ${maxDepth} levels, the limit (FLOW_MAX_DEPTH).`,
    [{ path, message: `At most ${maxDepth} levels (FLOW_MAX_DEPTH)` }],
  );
}
