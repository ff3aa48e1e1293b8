/**
 * bench/RESULTS.md is written by three benchmarks (run.ts, webhooks.ts, rate-limit.ts), each owning one
 * section between `<!-- NAME:start -->` and `<!-- NAME:end -->`, so a run of one rewrites its own figures
 * and leaves the others' alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Where the sections live. */
export const RESULTS_FILE = new URL('./RESULTS.md', import.meta.url);

/**
 * Replaces section `name` of `file` with `markdown` (markers added here), or adds it: at the top when
 * `first`, else at the end.
 * @example writeSection('webhooks-bench', '## (g) ...\n');
 */
export function writeSection(name: string, markdown: string, first = false, file = RESULTS_FILE): void {
  const section = `<!-- ${name}:start -->\n${markdown.trimEnd()}\n<!-- ${name}:end -->\n`;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // no file yet: this section starts it
  }
  const marked = new RegExp(`<!-- ${name}:start -->[\\s\\S]*<!-- ${name}:end -->\\n?`);
  if (marked.test(text)) text = text.replace(marked, () => section);
  else if (first) text = `${section}\n${text}`;
  else text = `${text.trimEnd()}\n\n${section}`;
  writeFileSync(file, text.trimStart());
}
