/** The public path of a publication file; the name is cosmetic, the id decides. A PDF opens in the browser. */
export function publicFileUrl(file: { id: string; fileName: string }): string {
  return `/files/publications/${file.id}/${encodeURIComponent(file.fileName)}`;
}

/** The same file, sent to be saved rather than opened. */
export function publicFileDownloadUrl(file: { id: string; fileName: string }): string {
  return `${publicFileUrl(file)}?download=1`;
}

// Types a browser shows in a tab of its own. A phone would otherwise file a PDF among its
// downloads, where a reader does not find it again. Other types are always saved.
const OPENED_IN_BROWSER = new Set(['application/pdf']);

export const opensInBrowser = (contentType: string) => OPENED_IN_BROWSER.has(contentType);
