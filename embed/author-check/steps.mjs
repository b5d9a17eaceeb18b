// Applies the README's steps for one plugin type to a create-plugin scaffold, exactly as
// the README writes them: every fenced block after an `<!-- author-check TYPE: … -->`
// marker in ../../README.md is one step, so the README and this check cannot drift.
//
//   <!-- author-check datasource: write src/module.ts -->        the block is the file
//   <!-- author-check app: insert src/components/App/App.tsx after "<Routes>" -->
//                                                                the block goes after the first line containing the text
//   <!-- author-check datasource: run -->                        the block is shell commands, run in the scaffold
//
// TYPE is `datasource`, `app` or `all`. Usage: node steps.mjs README.md TYPE SCAFFOLD_DIR
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [readmePath, type, dir] = process.argv.slice(2);
if (!readmePath || !type || !dir) {
  console.error('usage: node steps.mjs README.md datasource|app SCAFFOLD_DIR');
  process.exit(2);
}
const readme = readFileSync(readmePath, 'utf8');
const marker = /<!-- author-check (datasource|app|all): (.+?) -->\s*\n\s*```[a-z]*\n([\s\S]*?)\n\s*```/g;
// A block inside a numbered list item is indented: the indentation is the README's, not the file's.
const dedent = (text) => {
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
};

let steps = 0;
for (const [, forType, action, body] of readme.matchAll(marker)) {
  if (forType !== type && forType !== 'all') {
    continue;
  }
  const text = dedent(body);
  steps += 1;
  let m;
  if ((m = action.match(/^write (\S+)$/))) {
    const file = join(dir, m[1]);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`author-check: ${type}: wrote ${m[1]}`);
  } else if ((m = action.match(/^insert (\S+) after "(.+)"$/))) {
    const file = join(dir, m[1]);
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes(m[2]));
    if (at < 0) {
      throw new Error(`${m[1]} has no line containing ${m[2]}: the README's step no longer fits the scaffold`);
    }
    const indent = lines[at].match(/^ */)[0] + (m[2].startsWith('<') && !m[2].startsWith('</') ? '  ' : '');
    const block = text.trimEnd().split('\n').map((l) => (l ? indent + l : l));
    lines.splice(at + 1, 0, ...(m[2].startsWith('import') ? text.trimEnd().split('\n') : block));
    writeFileSync(file, lines.join('\n'));
    console.log(`author-check: ${type}: inserted ${block.length} lines into ${m[1]}`);
  } else if (action === 'run') {
    console.log(`author-check: ${type}: $ ${text.trim().replace(/\n/g, '; ')}`);
    execSync(text, { cwd: dir, stdio: 'inherit', shell: '/bin/bash' });
  } else {
    throw new Error(`unknown author-check step "${action}"`);
  }
}
if (steps === 0) {
  throw new Error(`the README has no author-check steps for ${type}`);
}
