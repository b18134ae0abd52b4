/**
 * Static serving of the built studio (HMI viewer). Paths are resolved inside the root and anything that escapes
 * it (`..`, encoded separators, NUL) is refused; unknown routes fall back to index.html for the client router.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
}

/** Resolve a URL path under root; null when it is not a safe path. */
export function safeJoin(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  // Any `..` segment is refused outright (not normalised away): a request that tries it is not a real asset.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return null
  const rel = normalize(decoded).replace(/^\/+/, '')
  const full = join(root, rel)
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null
}

export function serveStatic(root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const url = new URL(req.url ?? '/', 'http://x')
    let file = safeJoin(root, url.pathname === '/' ? '/index.html' : url.pathname)
    if (!file) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path')
      return
    }
    let st = await stat(file).catch(() => null)
    if (!st || !st.isFile()) {
      // Client-side routes and unknown files: the SPA shell, unless it looks like a missing asset.
      if (extname(url.pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
      file = join(root, 'index.html')
      st = await stat(file).catch(() => null)
      if (!st) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('the studio is not built: run `pnpm build`')
        return
      }
    }
    const hashed = /[.-][A-Za-z0-9_-]{8,}\.(js|css|woff2?)$/.test(file)
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': st.size,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(file).pipe(res)
  }
}
