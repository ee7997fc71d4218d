import type { Command } from 'commander';
import type { FlowNodeView, FlowView } from '@errand/contracts';
import { cancelFlow, readFlow } from '@errand/queue-core';
import type { CliContext } from '../cli-context';
import { statusCell } from '../output/colour';
import { progressBar, renderFlowTree } from '../output/render-flow';
import { renderJson } from '../output/render-json';
import { parseCount } from './parse-count';
import { withExamples } from './examples';

/** A parent lists this many children unless `--children` says otherwise. */
const CHILDREN_SHOWN = 20;

/** Every page of the flow under `id`: its view with all its nodes. */
async function readWholeFlow(context: CliContext, id: string) {
  const first = await readFlow(context.queues(), id);
  const nodes: FlowNodeView[] = [...first.page];
  for (let cursor = first.nextCursor; cursor !== null;) {
    const next = await readFlow(context.queues(), id, { cursor });
    nodes.push(...next.page);
    cursor = next.nextCursor;
  }
  return { ...first, page: nodes, nextCursor: null } satisfies FlowView;
}

function showFlow(flow: Command, context: CliContext): void {
  const command = flow
    .command('show')
    .description('Draw a flow as a tree, each node with its status.')
    .argument('<id>', "the flow's id (its root job's)")
    .option(
      '--children <n>',
      `children listed per parent; the rest are summed up (default ${CHILDREN_SHOWN})`,
      parseCount(100_000),
    )
    .option('--json', 'print GET /flows/:id with every node in page')
    .action(
      async (id: string, options: { json?: boolean; children?: number }) => {
        const view = await readWholeFlow(context, id);
        const { output } = context;
        if (options.json) {
          output.out(renderJson(view));
          return;
        }
        const status = statusCell(view.status);
        output.out(
          `flow ${view.id} ${view.type} ${output.isTty ? status.painted : status.plain}`,
        );
        output.out(progressBar(view.nodes));
        for (const line of renderFlowTree(
          view.page,
          options.children ?? CHILDREN_SHOWN,
          output.isTty,
        )) {
          output.out(line);
        }
      },
    );
  withExamples(command, [
    'inspector flow show 0b6f…',
    'inspector flow show 0b6f… --children 1000',
    'inspector flow show 0b6f… --json | jq .nodes.counts',
  ]);
}

function cancelWholeFlow(flow: Command, context: CliContext): void {
  const command = flow
    .command('cancel')
    .description(
      'Cancel every node of a flow that has not ended, parents first.',
    )
    .argument('<id>', "the flow's id (its root job's)")
    .option('--json', 'print {cancelled, requested, ended}')
    .action(async (id: string, options: { json?: boolean }) => {
      const result = await cancelFlow(context.queues(), id, context.actor());
      await context.audit({
        action: 'flow.cancel',
        count: result.cancelled + result.requested,
        details: { id },
      });
      context.output.out(
        options.json
          ? renderJson(result)
          : `${result.cancelled} cancelled, ${result.requested} running asked to stop, ${result.ended} already ended.`,
      );
    });
  withExamples(command, ['inspector flow cancel 0b6f…']);
}

/** `inspector flow show|cancel`: flows, a job and the jobs below it. */
export function flowCommand(program: Command, context: CliContext): void {
  const flow = program
    .command('flow')
    .description('Flows: show one as a tree, or cancel it.');
  withExamples(flow, [
    'inspector flow show 0b6f…',
    'inspector flow cancel 0b6f…',
  ]);
  showFlow(flow, context);
  cancelWholeFlow(flow, context);
}
