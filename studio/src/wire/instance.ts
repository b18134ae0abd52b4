/** The page's one client. Created on first use; tests install their own with `setClient`. */
import { TaktClient } from './client'
import { defaultWsUrl } from './socket'

let client: TaktClient | null = null

export function useClient(): TaktClient {
  client ??= new TaktClient({ url: defaultWsUrl() })
  return client
}

export function setClient(c: TaktClient | null): void {
  client = c
}
