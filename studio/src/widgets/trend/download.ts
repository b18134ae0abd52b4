/** Saving a text (CSV export) as a file from the browser, with the DOM injected so it can be tested without one. */

export interface DownloadDeps {
  createObjectURL(b: Blob): string
  revokeObjectURL(url: string): void
  /** Clicks an `<a download>` for the URL. */
  click(url: string, fileName: string): void
}

function browserDeps(): DownloadDeps {
  return {
    createObjectURL: (b) => URL.createObjectURL(b),
    revokeObjectURL: (u) => URL.revokeObjectURL(u),
    click: (url, fileName) => {
      const a = document.createElement('a')
      a.href = url
      a.download = fileName
      a.rel = 'noopener'
      document.body.appendChild(a)
      a.click()
      a.remove()
    },
  }
}

/**
 * Offers `text` as a download. CSV gets a UTF-8 byte order mark so spreadsheet programs read Chinese text correctly.
 * The object URL is revoked after the click has been handled.
 */
export function downloadText(text: string, fileName: string, mime = 'text/csv', deps: DownloadDeps = browserDeps()): void {
  const bom = mime === 'text/csv' && !text.startsWith('\uFEFF') ? '\uFEFF' : ''
  const url = deps.createObjectURL(new Blob([bom, text], { type: `${mime};charset=utf-8` }))
  deps.click(url, fileName)
  setTimeout(() => deps.revokeObjectURL(url), 0)
}

const pad = (n: number) => String(n).padStart(2, '0')
const stamp = (ms: number) => {
  const d = new Date(ms)
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`
}

/** `trend_<title>_<from>_<to>.csv` in local time, with characters that file systems refuse replaced. */
export function csvFileName(title: string, from: number, to: number): string {
  const safe = title.trim().replace(/[\\/:*?"<>|,;\s]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 60)
  return `trend_${safe ? `${safe}_` : ''}${stamp(from)}_${stamp(to)}.csv`
}
