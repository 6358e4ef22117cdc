/**
 * Real Chromium for page tests (from @sparticuz/chromium, so nothing is downloaded at run time)
 * and a static server for a built archive, on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import chromium from '@sparticuz/chromium';
import { type Browser, type CDPSession, chromium as playwright } from 'playwright-core';
import sirv from 'sirv';

/** The package's flags are tuned for one page per process (serverless); tests open many. */
const SERVERLESS_ONLY = new Set(['--single-process', '--no-zygote']);

export async function launch(): Promise<Browser> {
  const args = chromium.args.filter((a) => !SERVERLESS_ONLY.has(a));
  return playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` at `http://127.0.0.1:<port><base>` like any static web server would. `cors`: any
 * origin may fetch the files, as a site searched from another one (a portal) must allow.
 */
export async function serve(dir: string, base = '/', cors = false): Promise<Served> {
  const files = sirv(dir, {
    dev: true,
    etag: false,
    setHeaders: cors ? (res) => res.setHeader('Access-Control-Allow-Origin', '*') : undefined,
  });
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith(base)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    req.url = `/${req.url.slice(base.length)}`;
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${base}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

/** Bytes on the wire (headers included) and requests of every response finished while `fn` runs. */
export async function metered<T>(cdp: CDPSession, fn: () => Promise<T>): Promise<{ value: T; bytes: number; requests: number }> {
  let bytes = 0;
  let requests = 0;
  const onDone = (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  };
  cdp.on('Network.loadingFinished', onDone);
  try {
    const value = await fn();
    // Let the last loadingFinished events arrive.
    await new Promise((ok) => setTimeout(ok, 20));
    return { value, bytes, requests };
  } finally {
    cdp.off('Network.loadingFinished', onDone);
  }
}
