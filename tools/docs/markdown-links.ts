import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/** A relative link in a Markdown file that leads nowhere. */
export interface BrokenLink {
  file: string;
  line: number;
  target: string;
  reason: string;
}

/** The lines of `markdown` outside fenced code blocks, with their numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    else if (!fenced) lines.push({ text, line: index + 1 });
  });
  return lines;
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces as
 * hyphens (the rule github-slugger implements); a repeated heading gets -1, -2.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (!heading) continue;
    const slug = heading[1]
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Every inline link target of `markdown`, outside code, with its line. */
function linkTargets(markdown: string): { target: string; line: number }[] {
  const targets: { target: string; line: number }[] = [];
  for (const { text, line } of proseLines(markdown)) {
    // Code spans may hold `[a](b)`-looking text (regexes, shell): not links.
    const prose = text.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      targets.push({ target: match[1], line });
    }
  }
  return targets;
}

/**
 * The relative links of the Markdown file `file` whose file does not exist,
 * or whose `#anchor` names no heading of the Markdown file it points at.
 * Absolute URLs (http:, mailto:) are not followed.
 */
export function brokenLinks(file: string, root: string): BrokenLink[] {
  const markdown = readFileSync(file, 'utf8');
  const broken: BrokenLink[] = [];
  for (const { target, line } of linkTargets(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [path, anchor] = target.split('#', 2);
    const destination = path ? resolve(dirname(file), decodeURI(path)) : file;
    const report = (reason: string) =>
      broken.push({ file: relative(root, file), line, target, reason });
    if (!existsSync(destination)) {
      report('no such file');
      continue;
    }
    if (anchor === undefined || !destination.endsWith('.md')) continue;
    if (statSync(destination).isDirectory()) continue;
    const anchors = headingAnchors(readFileSync(destination, 'utf8'));
    if (!anchors.has(anchor)) report(`no heading #${anchor}`);
  }
  return broken;
}
