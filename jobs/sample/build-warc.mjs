// Writes a WARC/1.1 file of a crawl of the libxslt documentation pages, one gzip member per
// record as Common Crawl writes them: warcinfo, then per page a request and a response (HTTP 200,
// text/html with the charset the page declares), per image a request and a response (image/gif:
// no document), plus a metadata record every fifth page and one 404 response, so a curate run
// meets every kind of record. Deterministic: fixed dates, record ids from the URL, sorted paths.
// Usage: node build-warc.mjs --docs DIR --out FILE.warc.gz
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
if (!args.docs || !args.out) {
  console.error('usage: node build-warc.mjs --docs DIR --out FILE.warc.gz');
  process.exit(2);
}

const BASE = 'http://xmlsoft.org/XSLT/';
const DATE = '2026-12-01T00:00:00Z';
const HTTP_DATE = 'Tue, 01 Dec 2026 00:00:00 GMT';

function files(dir) {
  return readdirSync(dir).sort().flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** A version-4-shaped UUID from a hash, so a rebuild gives the same ids. */
function recordId(...parts) {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `<urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}>`;
}

function record(type, url, contentType, block, extra = []) {
  const fields = [
    'WARC/1.1',
    `WARC-Type: ${type}`,
    `WARC-Record-ID: ${recordId(type, url ?? '', block.length)}`,
    `WARC-Date: ${DATE}`,
    ...(url ? [`WARC-Target-URI: ${url}`] : []),
    ...extra,
    `Content-Type: ${contentType}`,
    `Content-Length: ${block.length}`,
  ];
  const head = Buffer.from(fields.join('\r\n') + '\r\n\r\n', 'utf8');
  return gzipSync(Buffer.concat([head, block, Buffer.from('\r\n\r\n')]), { level: 9 });
}

function request(url) {
  const host = new URL(url).host;
  const path = new URL(url).pathname;
  const http = `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: pipeline-sample-builder\r\n\r\n`;
  return record('request', url, 'application/http; msgtype=request', Buffer.from(http, 'latin1'));
}

function response(url, status, headers, payload) {
  const reason = status === 200 ? 'OK' : 'Not Found';
  const http = [`HTTP/1.1 ${status} ${reason}`, `Date: ${HTTP_DATE}`, ...headers, `Content-Length: ${payload.length}`]
    .join('\r\n') + '\r\n\r\n';
  const digest = 'sha1:' + createHash('sha1').update(payload).digest('hex');
  return record('response', url, 'application/http; msgtype=response',
    Buffer.concat([Buffer.from(http, 'latin1'), payload]), [`WARC-Payload-Digest: ${digest}`]);
}

/** The charset a page declares in its <meta>, served in the HTTP header as a server would. */
function declaredCharset(bytes) {
  const m = /charset=["']?([A-Za-z0-9_-]+)/i.exec(bytes.subarray(0, 2048).toString('latin1'));
  return m ? m[1] : null;
}

const out = [];
const info = 'software: jobs/sample/build-warc.mjs\r\nformat: WARC File Format 1.1\r\n'
  + 'description: the libxslt documentation (Debian libxslt1-dev, MIT licence) as if crawled from xmlsoft.org\r\n';
out.push(record('warcinfo', null, 'application/warc-fields', Buffer.from(info, 'utf8'), ['WARC-Filename: xmlsoft.warc.gz']));

let pages = 0;
let images = 0;
for (const path of files(args.docs)) {
  const rel = relative(args.docs, path).split('\\').join('/');
  const url = BASE + rel;
  const bytes = readFileSync(path);
  if (rel.endsWith('.html')) {
    const charset = declaredCharset(bytes);
    out.push(request(url));
    out.push(response(url, 200, [`Content-Type: text/html${charset ? '; charset=' + charset : ''}`,
      'Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT'], bytes));
    if (pages % 5 === 0) {
      out.push(record('metadata', url, 'application/warc-fields', Buffer.from('fetchTimeMs: 42\r\n', 'utf8')));
    }
    pages++;
  } else if (rel.endsWith('.gif')) {
    out.push(request(url));
    out.push(response(url, 200, ['Content-Type: image/gif'], bytes));
    images++;
  }
}
const missing = BASE + 'missing.html';
out.push(request(missing));
out.push(response(missing, 404, ['Content-Type: text/html; charset=utf-8'],
  Buffer.from('<html><body><h1>Not Found</h1></body></html>', 'utf8')));

writeFileSync(args.out, Buffer.concat(out));
console.error(`build-warc: ${pages} pages, ${images} images, ${out.length} records`);
