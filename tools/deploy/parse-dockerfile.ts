/** One instruction of a Dockerfile: `COPY --from=build a b` → COPY, args. */
export interface DockerInstruction {
  keyword: string;
  /** The rest of the instruction, continuation lines joined. */
  args: string;
  /** Its first line in the file, 1-based. */
  line: number;
}

/**
 * Reads a Dockerfile into its instructions: comments and blank lines
 * dropped, `\` continuations joined. Enough to check what an image is
 * built from and runs as without a Docker engine; not a full parser (no
 * heredocs, no parser directives).
 */
export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1).trim() : line;
    pending = pending
      ? { ...pending, text: `${pending.text} ${part}` }
      : { text: part, line: index + 1 };
    if (continued) return;
    const [keyword = '', ...rest] = pending.text.split(/\s+/);
    instructions.push({
      keyword: keyword.toUpperCase(),
      args: rest.join(' '),
      line: pending.line,
    });
    pending = undefined;
  });
  if (pending) throw new Error(`line ${pending.line}: ends in a continuation`);
  return instructions;
}

/** The source paths of a COPY (all but the destination), and its stage. */
export function copySources(args: string): {
  from?: string;
  sources: string[];
} {
  const words = args.split(/\s+/);
  const flags = words.filter(word => word.startsWith('--'));
  const paths = words.filter(word => !word.startsWith('--'));
  const from = flags
    .find(flag => flag.startsWith('--from='))
    ?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1) };
}
