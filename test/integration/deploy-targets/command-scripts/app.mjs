// A tiny app for the command-target test: /health (500 when the version is `broken`) and /version.
import { createServer } from 'node:http';
const [port, version] = process.argv.slice(2);
createServer((req, res) => {
  const headers = { 'x-version': version, 'content-type': 'text/plain' };
  if (req.url === '/version') return res.writeHead(200, headers).end(version);
  if (version === 'broken') return res.writeHead(500, headers).end('boom');
  res.writeHead(200, headers).end('{"status":"ok"}');
}).listen(Number(port), '127.0.0.1');
