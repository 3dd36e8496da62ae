/**
 * Lower-case hex SHA-256 (WebCrypto): the name stored pictures and synced bodies go by, and
 * what their bytes are checked against on import and on arrival.
 */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
