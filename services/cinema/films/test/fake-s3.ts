import { createServer, type Server } from 'node:http';

export interface FakeS3 {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string; cacheControl: string | undefined }>;
  /** Authorization headers seen (the SDK signs every request). */
  authorizations: string[];
  close(): Promise<void>;
}

/** A minimal path-style S3 stand-in: PUT, GET and DELETE of objects in any bucket. */
export async function startFakeS3(): Promise<FakeS3> {
  const objects: FakeS3['objects'] = new Map();
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      authorizations.push(String(req.headers.authorization ?? ''));
      const key = decodeURIComponent(new URL(req.url ?? '/', 'http://s3').pathname);
      if (req.method === 'PUT') {
        objects.set(key, {
          body: Buffer.concat(chunks),
          contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
          cacheControl: req.headers['cache-control'],
        });
        res.writeHead(200, { etag: '"fake"' }).end();
      } else if (req.method === 'GET') {
        const obj = objects.get(key);
        if (!obj) {
          res
            .writeHead(404, { 'content-type': 'application/xml' })
            .end(
              '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
            );
          return;
        }
        res
          .writeHead(200, { 'content-type': obj.contentType, 'content-length': obj.body.length })
          .end(obj.body);
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else res.writeHead(405).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    objects,
    authorizations,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
