import { createServer, type Server } from 'node:http';

const STARTING_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="2">
<title>Palpa is starting</title></head><body style="font-family:system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem">
<h1>Palpa is starting</h1><p>The database is being prepared (the very first start takes a few seconds).
This page reloads by itself.</p></body></html>`;

/**
 * Answers while the database opens and migrates, so the process is visibly alive from its first moment:
 * `/healthz` is green (the process is up), `/readyz` and every other request answer 503 with `Retry-After`
 * (browsers get a page that reloads itself). `palpa serve` closes it and hands the port to the app.
 */
export async function listenWhileStarting(port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    response.setHeader('retry-after', '2');
    if (path === '/readyz') {
      response
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"status":"not_ready","database":"starting","pendingMigrations":null}');
    } else if (request.headers.accept?.includes('text/html')) {
      response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(STARTING_PAGE);
    } else {
      response
        .writeHead(503, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_ready","message":"Palpa is starting; retry in a moment"}}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

export async function stopStartingServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
