/** The public download path of a publication file; the name is cosmetic, the id decides. */
export function publicFileUrl(file: { id: string; fileName: string }): string {
  return `/files/publications/${file.id}/${encodeURIComponent(file.fileName)}`;
}
