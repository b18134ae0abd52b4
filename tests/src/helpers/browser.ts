/** Debian's Chromium driven by playwright-core (a test tool's own browser download does not work here). */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url))

export async function launchChromium(): Promise<Browser> {
  await mkdir(ARTIFACTS, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
}
