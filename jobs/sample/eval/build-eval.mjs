// Builds bard-quiz.jsonl from the Shakespeare quiz of Debian's bsdgames package
// (/usr/share/games/bsdgames/quiz/bard). Node standard library only.
// Usage: node build-eval.mjs QUIZ_FILE > bard-quiz.jsonl
import { readFileSync } from 'node:fs';

// quiz(6) syntax: a record is one line, continued by a trailing backslash; fields are separated by
// ':' ('\:' is a colon); '{x}' is optional text (kept here), '[a|b]' alternatives (the first kept).
function clean(field) {
  return field
    .replace(/\[([^|\]]*)(\|[^\]]*)?\]/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\u0000/g, ':')
    .trim();
}

const text = readFileSync(process.argv[2], 'latin1').replace(/\\\n/g, '');
let n = 0;
for (const line of text.split('\n')) {
  if (!line.trim()) continue;
  const fields = line.replace(/\\:/g, '\u0000').split(':').map(clean);
  if (fields.length !== 4) throw new Error('expected line:next:work:character, got ' + JSON.stringify(line));
  n++;
  const [quote, next, work, character] = fields;
  process.stdout.write(JSON.stringify({ id: 'bard-' + String(n).padStart(3, '0'), line: quote, next, work, character }) + '\n');
}
