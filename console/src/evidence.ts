// Files chosen in a form, as the API takes evidence: name and bytes in base64. The server checks
// each file's type from its bytes and its size; the page only carries them.
export interface EvidenceFile {
  readonly name: string;
  readonly base64: string;
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function evidenceOf(files: FileList | null): Promise<EvidenceFile[]> {
  return Promise.all([...(files ?? [])].map(async (f) => ({ name: f.name, base64: base64Of(new Uint8Array(await f.arrayBuffer())) })));
}
