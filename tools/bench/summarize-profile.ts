/**
 * `npx tsx tools/bench/summarize-profile.ts <file-or-folder> [top]`: where a
 * `node --cpu-prof` profile spent its time, by layer (each npm package,
 * each Errand lib or app, Node internals, GC, idle) and by function, self
 * and inclusive. The numbers behind docs/performance.md's profile findings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The layer a frame belongs to, read off its script URL. */
function layerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(apps|libs)\/([^/]+)\/src\/(?:([^/]+)\/)?/.exec(url);
  if (own)
    return `${own[1]}/${own[2]}${own[3] && !own[3].includes('.') ? `/${own[3]}` : ''}`;
  return url.replace(/^.*\//, '');
}

function main(): void {
  const [path, topArg] = process.argv.slice(2);
  if (!path) throw new Error('usage: summarize-profile <file-or-folder> [top]');
  const file = statSync(path).isDirectory() ? largestProfileIn(path) : path;
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const frameOf = (id: number) => {
    const node = byId.get(id);
    if (!node) throw new Error(`${file}: no node ${id}`);
    return node.callFrame;
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].reduce(
    (sum, [id, us]) =>
      byId.get(id)?.callFrame.functionName === '(idle)' ? sum + us : sum,
    0,
  );
  const busy = total - idle;

  const layers = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = frameOf(id);
    if (functionName === '(idle)') continue;
    const layer = layerOf(url, functionName);
    layers.set(layer, (layers.get(layer) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${layer}:${lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }

  // Inclusive time per function: each sample counts once for every distinct
  // function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const { functionName, url, lineNumber } = frameOf(at);
      if (!functionName || functionName.startsWith('(')) continue;
      const name = `${functionName} ${layerOf(url, functionName)}:${lineNumber + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }

  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const print = (title: string, entries: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)) {
      console.log(
        `${pct(us)}  ${(us / 1_000).toFixed(0).padStart(6)} ms  ${name}`,
      );
    }
  };
  console.log(
    `${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages of busy time)`,
  );
  print('self time by layer', layers, top);
  print('self time by function', functions, top);
  print('inclusive time by function', inclusive, top);
}

/** A folder's largest profile: the app's main thread, not tsx's loader. */
function largestProfileIn(dir: string): string {
  const files = readdirSync(dir)
    .filter(name => name.endsWith('.cpuprofile'))
    .map(name => join(dir, name))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (!files[0]) throw new Error(`no .cpuprofile in ${dir}`);
  return files[0];
}

main();
